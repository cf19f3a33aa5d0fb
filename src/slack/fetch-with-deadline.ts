/**
 * `fetch` for everything the Bolt app sends (Web API calls and `respond()` to
 * a response_url, which Bolt otherwise posts with no timeout): each request
 * ends by `ms`, or when `stop` aborts (shutdown's grace is over), whichever
 * comes first, along with any signal the caller passed.
 */
export function fetchWithDeadline(ms: number, stop: AbortSignal, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(ms), stop, ...(init?.signal ? [init.signal] : [])];
    return base(input, { ...init, signal: AbortSignal.any(signals) });
  };
}
