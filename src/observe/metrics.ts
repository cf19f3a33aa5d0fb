import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What /metrics reports; one registry per bot, so tests and replicas don't share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    answers: new Counter({ name: 'kb_answers_total', help: 'Answers given, by kind (intent) and entry point', labelNames: ['kind', 'via'], registers: [registry] }),
    matches: new Counter({ name: 'kb_trace_matches_total', help: 'Crash matches by article and level', labelNames: ['article', 'level'], registers: [registry] }),
    latency: new Histogram({ name: 'kb_answer_seconds', help: 'Time from receiving a question to posting the reply', labelNames: ['via'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    errors: new Counter({ name: 'kb_errors_total', help: 'Errors by where they happened', labelNames: ['where'], registers: [registry] }),
    inflight: new Gauge({ name: 'kb_inflight', help: 'Questions being answered right now', registers: [registry] }),
    storeUp: new Gauge({ name: 'kb_store_up', help: '1 when the shared state store (Redis) answers, 0 when replicas fall back to their own memory', registers: [registry] }),
    refused: new Counter({ name: 'kb_requests_refused_total', help: 'Requests to /slack/events refused before Bolt saw them, by reason (signature, size, busy, slow, shape, not-ready, replay)', labelNames: ['reason'], registers: [registry] }),
    reloads: new Counter({ name: 'kb_knowledge_reloads_total', help: 'Knowledge reloads by result', labelNames: ['result'], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
