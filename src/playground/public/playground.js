// The playground page: a channel, a DM and App Home; every action goes to the real bot as a signed Slack request.
(function () {
  'use strict';
  const { mrkdwn, blocks, html, names } = window.KbRender;
  const $ = (id) => document.getElementById(id);
  const list = $('messages');
  const state = {
    surface: 'channel', threadTs: null, channel: 'C0INCIDENT', dm: 'D0KBBOT001', messages: [], files: [],
    /** The most of a file the bot reads, and the largest upload (Slack's), as the server says. */
    fileMaxBytes: 0, uploadMaxBytes: 0,
    /** Thread status lines ("kb-bot is reading app.log…"), by channel and thread. */
    status: new Map(),
    /** Suggested prompts the bot set, by channel. */
    prompts: new Map(),
    dmOpened: false,
    /** Follow the newest message, unless the user scrolled up to read. */
    follow: true,
  };
  const surfaceOf = (channel) => (channel === state.dm ? 'dm' : 'channel');
  const EXAMPLES = {
    channel: [['@kb-bot is TAS 2.13.20 affected?', '@kb-bot is TAS 2.13.20 affected?'], ['paste the gorouter crash', '@crash'], ['/kb search gorouter connection resets', '/kb search gorouter connection resets'], ['/kb help', '/kb help']],
    dm: [['is TAS 2.13.20 affected?', 'is TAS 2.13.20 affected?'], ['paste the gorouter crash', '@crash'], ['help', 'help']],
  };

  // Theme: follows the system, switchable.
  const dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  $('dark').checked = dark;
  document.documentElement.classList.toggle('dark', dark);
  $('dark').addEventListener('change', (e) => document.documentElement.classList.toggle('dark', e.target.checked));

  /** A Slack ts ("1700000000.000100") as a Date. */
  const tsDate = (ts) => new Date(Math.round(Number(ts) * 1000));
  /** A ts for what the page itself says (errors), on Slack's format. */
  const localTs = () => { const ms = Date.now(); return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`; };
  const byTs = (a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

  function timeHtml(ts) {
    const d = tsDate(ts);
    if (Number.isNaN(d.getTime())) return '';
    return `<time datetime="${d.toISOString()}" title="${html(d.toLocaleString())}">${html(d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }))}</time>`;
  }

  function sizeOf(bytes) {
    if (bytes >= 1073741824) return `${(bytes / 1073741824).toFixed(1)} GB`;
    return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  /** A file chip: name and size; a file that was not uploaded says why. */
  function fileChip(f) {
    const about = `📄 ${html(f.name || String(f))}${f.size ? ` · ${sizeOf(f.size)}` : ''}`;
    return f.error ? `<span class="file-chip refused" role="alert">${about} <span class="file-error">— ${html(f.error)}</span></span>` : `<span class="file-chip">${about}</span>`;
  }

  function messageHtml(m) {
    const bot = m.from === 'bot';
    const long = !bot && ((m.text || '').split('\n').length > 14 || (m.text || '').length > 1800);
    const body = bot && m.blocks && m.blocks.length ? blocks(m.blocks) : mrkdwn(bot ? m.text : escapeForMrkdwn(m.text));
    const files = m.files && m.files.length ? `<div class="files">${m.files.map(fileChip).join('')}</div>` : '';
    const unfurls = (m.unfurls || []).map((u) => `<div class="unfurl">${blocks(u.blocks || [])}</div>`).join('');
    return `<div class="msg${m.ephemeral ? ' ephemeral' : ''}" data-ts="${html(m.ts)}" data-from="${m.from}">
      <div class="avatar ${bot ? 'bot' : ''}" aria-hidden="true">${bot ? 'kb' : 'U'}</div>
      <div class="content">
        <div class="meta"><span class="who">${bot ? 'kb-bot' : 'you'}</span>${bot ? '<span class="badge">APP</span>' : ''}${timeHtml(m.ts)}</div>
        ${m.ephemeral ? '<div class="eph-note">Only visible to you</div>' : ''}
        <div class="text${long && !m.expanded ? ' collapsed' : ''}">${body}</div>
        ${long ? `<button type="button" class="link small more" data-ts="${html(m.ts)}">${m.expanded ? 'Show less' : 'Show more'}</button>` : ''}
        ${files}${unfurls}
      </div></div>`;
  }

  // What the user typed is shown as text, with its links as links (as Slack sends them: <url>).
  function escapeForMrkdwn(text) {
    return String(text || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/(^|[\s(])(https?:\/\/[^\s<>|]+)/g, '$1<$2>');
  }

  function statusHtml(channel, threadTs) {
    const s = state.status.get(`${channel}:${threadTs}`);
    return s ? `<div class="status" role="status">kb-bot ${html(s)}</div>` : '';
  }

  function render(newestTs) {
    const before = list.scrollTop;
    const here = state.messages.filter((m) => surfaceOf(m.channel) === state.surface);
    const roots = here.filter((m) => !m.threadTs || m.threadTs === m.ts).sort(byTs);
    const channel = state.surface === 'dm' ? state.dm : state.channel;
    list.innerHTML = roots
      .map((root) => {
        const replies = here.filter((m) => m.threadTs && m.threadTs === root.ts && m !== root).sort(byTs);
        const status = statusHtml(channel, root.ts);
        const thread = replies.length || status ? `<div class="thread" aria-label="Thread">${replies.map(messageHtml).join('')}${status}</div>` : '';
        const actions = root.ephemeral ? '' : `<div class="thread-actions"><button class="link reply" data-ts="${html(root.ts)}">${replies.length ? `${replies.length} repl${replies.length === 1 ? 'y' : 'ies'} · ` : ''}Reply in thread</button>
          ${root.from === 'user' ? ` · <button class="link shortcut" data-ts="${html(root.ts)}">Check with kb-bot</button>` : ''}</div>`;
        return messageHtml(root) + thread + actions;
      })
      .join('');
    if (state.follow) reveal(newestTs);
    else {
      setScroll(before);
      if (newestTs) $('new-messages').hidden = false;
    }
  }

  // Scrolls that the page makes itself are not the user scrolling up: the handler knows them by where they end.
  let ownScrollTop = null;
  function setScroll(top) {
    const target = Math.max(0, Math.min(top, list.scrollHeight - list.clientHeight));
    if (Math.abs(list.scrollTop - target) < 1) return;
    list.scrollTop = target;
    ownScrollTop = list.scrollTop;
  }

  /** Shows the newest message: the end of the list, or the start of a message taller than the list. */
  function reveal(ts) {
    const el = ts && list.querySelector(`.msg[data-ts="${CSS.escape(ts)}"]`);
    const bottom = list.scrollHeight - list.clientHeight;
    if (el && el.offsetHeight > list.clientHeight - 24) setScroll(list.scrollTop + el.getBoundingClientRect().top - list.getBoundingClientRect().top - 8);
    else setScroll(bottom);
    $('new-messages').hidden = true;
  }

  list.addEventListener('scroll', () => {
    const own = ownScrollTop !== null && Math.abs(list.scrollTop - ownScrollTop) < 2;
    ownScrollTop = null;
    if (own) return;
    state.follow = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    if (state.follow) $('new-messages').hidden = true;
  });
  $('new-messages').addEventListener('click', () => {
    state.follow = true;
    reveal(null);
  });

  function find(ts, channel) {
    return state.messages.find((m) => m.ts === ts && (!channel || m.channel === channel));
  }

  function handle(ev) {
    switch (ev.kind) {
      case 'hello':
        state.channel = ev.channel;
        state.dm = ev.dm;
        state.fileMaxBytes = ev.fileMaxBytes || 0;
        state.uploadMaxBytes = ev.uploadMaxBytes || 0;
        names[ev.user] = 'you';
        return;
      case 'message':
        state.messages.push(ev);
        if (ev.from === 'bot' && ev.threadTs) state.status.delete(`${ev.channel}:${ev.threadTs}`);
        return render(ev.ts);
      case 'update': {
        const m = find(ev.ts, ev.channel);
        if (m) Object.assign(m, { text: ev.text, blocks: ev.blocks });
        return render();
      }
      case 'delete':
        state.messages = state.messages.filter((m) => !(m.ts === ev.ts && (!ev.channel || m.channel === ev.channel)));
        return render();
      case 'unfurl': {
        const m = find(ev.ts, ev.channel);
        if (m) m.unfurls = Object.values(ev.unfurls || {});
        return render();
      }
      case 'status':
        if (ev.status) state.status.set(`${ev.channel}:${ev.threadTs}`, ev.status);
        else state.status.delete(`${ev.channel}:${ev.threadTs}`);
        return render();
      case 'prompts':
        state.prompts.set(ev.channel, ev.prompts || []);
        return renderExamples();
      case 'home':
        $('home').innerHTML = blocks(ev.view.blocks);
        return;
      default:
    }
  }

  function connect() {
    const es = new EventSource('/playground/stream');
    es.onmessage = (e) => handle(JSON.parse(e.data));
  }

  async function call(path, body) {
    let out;
    let refused = false;
    try {
      const res = await fetch(`/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      out = await res.json().catch(() => ({ ok: false, status: res.status }));
      // 413: the playground itself would not take it (too big), and says why.
      refused = res.status === 413 && Boolean(out.error);
    } catch (e) {
      out = { ok: false, error: String(e.message || e) };
    }
    const why = refused ? `_Not sent: ${out.error}._` : `_The bot answered ${out.status ? `HTTP ${out.status}` : 'nothing'}${out.error ? `: ${out.error}` : ''}._`;
    if (!out.ok) handle({ kind: 'message', from: 'bot', ephemeral: true, channel: state.surface === 'dm' ? state.dm : state.channel, ts: localTs(), text: why });
    return out;
  }

  async function send(text) {
    if (!text.trim() && state.files.length === 0) return;
    const picked = state.files;
    state.files = [];
    $('file').value = '';
    $('file-names').textContent = picked.length ? `Uploading ${picked.map((f) => f.name).join(', ')}…` : '';
    // Files go first, as bytes (as Slack's client uploads them); the message then names them.
    const files = [];
    const refused = [];
    for (const f of picked) {
      const got = await upload(f);
      if (got.id) files.push(got.id);
      else refused.push(got);
    }
    $('file-names').textContent = '';
    state.follow = true;
    await call('send', { surface: state.surface, text, threadTs: state.threadTs, files, refused });
  }

  /** Uploads a file as its bytes: { id }, or what was not uploaded ({ name, size, error? }; the server says why). */
  async function upload(f) {
    const refused = { name: f.name, size: f.size };
    // Larger than Slack takes: not sent at all.
    if (state.uploadMaxBytes && f.size > state.uploadMaxBytes) return refused;
    try {
      const res = await fetch(`/playground/upload?name=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': f.type || 'text/plain' }, body: f });
      const out = await res.json().catch(() => ({ ok: false, error: `not uploaded (HTTP ${res.status})` }));
      return out.ok ? { id: out.id } : { ...refused, error: out.error || `not uploaded (HTTP ${res.status})` };
    } catch (e) {
      return { ...refused, error: `not uploaded: ${e.message || e}` };
    }
  }

  function setThread(ts) {
    state.threadTs = ts;
    $('replying').hidden = !ts;
  }

  function renderExamples() {
    const channel = state.surface === 'dm' ? state.dm : state.channel;
    const prompts = state.prompts.get(channel);
    const rows = prompts && prompts.length ? prompts.map((p) => [p.title, p.message]) : EXAMPLES[state.surface] || [];
    $('examples').innerHTML = `<span class="muted small">${prompts && prompts.length ? 'Suggested:' : 'Try:'}</span>` + rows.map(([label, text]) => `<button type="button" class="chip" data-example="${html(text)}" title="${html(text)}">${html(label)}</button>`).join('');
  }

  function show(surface) {
    state.surface = surface;
    document.querySelectorAll('.conv').forEach((b) => b.classList.toggle('active', b.dataset.surface === surface));
    const home = surface === 'home';
    $('home').hidden = !home;
    $('messages-wrap').hidden = home;
    $('composer').hidden = home;
    $('examples').hidden = home;
    $('title').textContent = surface === 'dm' ? '@ kb-bot' : home ? 'kb-bot — App Home' : '# incidents';
    $('subtitle').textContent = surface === 'dm' ? 'Direct message: every message is a question' : home ? '' : 'kb-bot is in this channel and answers known crashes on its own';
    $('input').placeholder = surface === 'dm' ? 'Message kb-bot (Enter sends, Shift+Enter for a new line)' : 'Message #incidents — @kb-bot to mention, /kb for the command, paste a crash log (Enter sends, Shift+Enter for a new line)';
    setThread(null);
    state.follow = true;
    if (home) return void call('home', {});
    renderExamples();
    render();
    if (surface === 'dm' && !state.dmOpened) {
      state.dmOpened = true;
      call('dm', {});
    }
  }

  function grow() {
    const input = $('input');
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.3)}px`;
  }

  document.querySelectorAll('.conv').forEach((b) => b.addEventListener('click', () => show(b.dataset.surface)));
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('input').value;
    $('input').value = '';
    grow();
    send(text);
  });
  $('input').addEventListener('input', grow);
  $('input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('file').addEventListener('change', (e) => {
    state.files = [...e.target.files];
    // What will happen to each: too big to upload, or read only in part.
    const note = (f) => (state.uploadMaxBytes && f.size > state.uploadMaxBytes ? `: too large to upload, Slack takes up to ${sizeOf(state.uploadMaxBytes)}` : state.fileMaxBytes && f.size > state.fileMaxBytes ? `: kb-bot reads its first ${sizeOf(state.fileMaxBytes)}` : '');
    $('file-names').textContent = state.files.map((f) => `${f.name} (${sizeOf(f.size)}${note(f)})`).join(', ');
  });
  $('cancel-thread').addEventListener('click', () => setThread(null));
  $('examples').addEventListener('click', async (e) => {
    const ex = e.target.closest('[data-example]');
    if (!ex) return;
    let text = ex.dataset.example;
    if (text === '@crash') text = await (await fetch('/example-crash.log')).text();
    $('input').value = text;
    $('composer').requestSubmit();
  });
  document.addEventListener('click', (e) => {
    const more = e.target.closest('button.more');
    if (more) {
      const m = find(more.dataset.ts);
      if (m) m.expanded = !m.expanded;
      state.follow = false;
      return render();
    }
    const reply = e.target.closest('button.reply');
    if (reply) {
      setThread(reply.dataset.ts);
      $('input').focus();
      return;
    }
    const shortcut = e.target.closest('button.shortcut');
    if (shortcut) {
      const m = find(shortcut.dataset.ts);
      if (m) call('shortcut', { messageTs: m.ts, channel: m.channel, text: m.text, threadTs: m.threadTs });
      return;
    }
    const action = e.target.closest('[data-action]');
    if (!action) return;
    const msgEl = action.closest('.msg');
    const m = msgEl && find(msgEl.dataset.ts);
    const channel = m ? m.channel : state.surface === 'dm' ? state.dm : state.channel;
    if (action.tagName === 'A') {
      call('action', { actionId: action.dataset.action, channel });
      return;
    }
    call('action', { actionId: action.dataset.action, value: action.dataset.value, blockId: action.dataset.block, channel, messageTs: m ? m.ts : undefined, threadTs: m ? m.threadTs || m.ts : undefined, ephemeral: m ? !!m.ephemeral : false });
  });

  renderExamples();
  connect();
})();
