// Slack mrkdwn and Block Kit, rendered to HTML faithfully enough to judge a reply.
(function () {
  'use strict';
  /** Display names of the users the page knows (the bot, the person using the page). */
  const names = { UKBBOT0001: 'kb-bot' };
  const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // Slack escapes &, < and > in text; decode before showing.
  const slackDecode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  function inline(raw) {
    // Links and mentions use literal < >: set them aside, style the escaped text, put them back,
    // so that *<url|KB 1> — title* is bold around its link as in Slack.
    const kept = [];
    const text = raw.replace(/<([^<>]+)>/g, (_, inner) => {
      kept.push(special(inner));
      return `\u0000${kept.length - 1}\u0000`;
    });
    return styles(html(slackDecode(text))).replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
  }

  function special(inner) {
    const [target, label] = inner.split('|');
    if (target.startsWith('@')) return `<span class="mention">@${html(label || names[target.slice(1)] || target.slice(1))}</span>`;
    if (target.startsWith('#')) return `<span class="mention">#${html(label || target.slice(1))}</span>`;
    const date = /^!date\^(\d+)\^([^|]*)/.exec(inner);
    if (date) return localDate(Number(date[1]), date[2], label);
    if (target.startsWith('!')) return `<span class="mention">@${html(target.slice(1))}</span>`;
    if (/^(https?|mailto):/.test(target)) return `<a href="${html(slackDecode(target))}" target="_blank" rel="noopener">${html(slackDecode(label || target))}</a>`;
    return html(`<${inner}>`);
  }

  // <!date^unix^{date_short_pretty} {time}|fallback>: shown in the reader's own time zone, as Slack does.
  function localDate(seconds, format, fallback) {
    const d = new Date(seconds * 1000);
    if (Number.isNaN(d.getTime())) return html(fallback || '');
    const day = d.toLocaleDateString([], { month: 'short', day: 'numeric', year: 'numeric' });
    const time = d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
    const text = format.replace(/\{date_short_pretty\}|\{date_short\}|\{date\}|\{date_long\}/g, day).replace(/\{time\}/g, time);
    return `<time datetime="${d.toISOString()}">${html(text)}</time>`;
  }

  // The shortcodes kb-bot's replies use (Slack shows them as emoji); any other stays as typed.
  const EMOJI = {
    red_circle: '🔴', large_orange_circle: '🟠', large_yellow_circle: '🟡', grey_question: '❔', white_check_mark: '✅',
    warning: '⚠️', hourglass_flowing_sand: '⏳', mag: '🔍', bell: '🔔', no_bell: '🔕', '+1': '👍', '-1': '👎', x: '❌',
    fire: '🔥', rotating_light: '🚨', eyes: '👀', pray: '🙏', tada: '🎉', thinking_face: '🤔', sweat_smile: '😅', thumbsup: '👍', rocket: '🚀',
  };
  const emoji = (s) => s.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] || all);

  function styles(s) {
    return emoji(s)
      .replace(/`([^`\n]+)`/g, '<code>$1</code>')
      .replace(/(^|[\s(\u0000])\*([^*\n]+)\*(?=$|[\s).,:;!?\u0000])/g, '$1<strong>$2</strong>')
      .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<em>$2</em>')
      .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1<del>$2</del>');
  }

  function mrkdwn(text) {
    if (!text) return '';
    const parts = String(text).split('```');
    return parts
      .map((part, i) => {
        if (i % 2 === 1) return `<pre><code>${html(slackDecode(part.replace(/^\n/, '')))}</code></pre>`;
        return part
          .split('\n')
          .map((line) => {
            const quote = /^(?:>|&gt;)\s?(.*)$/.exec(line);
            if (quote) return `<blockquote>${inline(quote[1])}</blockquote>`;
            return inline(line);
          })
          .join('<br>')
          .replace(/(<\/blockquote>)<br>/g, '$1');
      })
      .join('');
  }

  const textOf = (t) => (t ? (t.type === 'mrkdwn' ? mrkdwn(t.text) : t.emoji === false ? html(t.text) : emoji(html(t.text))) : '');

  function button(el, ctx) {
    const cls = `btn${el.style === 'primary' ? ' primary' : ''}`;
    if (el.url) return `<a class="${cls}" href="${html(el.url)}" target="_blank" rel="noopener" data-action="${html(el.action_id || '')}">${html(el.text.text)} ↗</a>`;
    return `<button type="button" class="${cls}" data-action="${html(el.action_id)}" data-value="${html(el.value || '')}" data-block="${html(ctx.blockId || '')}">${html(el.text.text)}</button>`;
  }

  function blocks(list) {
    return (list || [])
      .map((b) => {
        switch (b.type) {
          case 'header':
            return `<div class="bk-header">${textOf(b.text)}</div>`;
          case 'section': {
            const fields = b.fields ? `<div class="bk-fields">${b.fields.map((f) => `<div>${textOf(f)}</div>`).join('')}</div>` : '';
            const acc = b.accessory && b.accessory.type === 'button' ? button(b.accessory, { blockId: b.block_id }) : '';
            return `<div class="bk-section"><div>${textOf(b.text)}${fields}</div>${acc}</div>`;
          }
          case 'context':
            return `<div class="bk-context">${b.elements.map((e) => (e.type === 'image' ? '' : textOf(e))).join(' ')}</div>`;
          case 'divider':
            return '<hr class="bk-divider">';
          case 'actions':
            return `<div class="bk-actions">${b.elements.map((e) => (e.type === 'button' ? button(e, { blockId: b.block_id }) : '')).join('')}</div>`;
          default:
            return `<div class="bk-context">[${html(b.type)} block]</div>`;
        }
      })
      .join('');
  }

  window.KbRender = { mrkdwn, blocks, html, names };
})();
