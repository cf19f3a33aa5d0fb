// The playground page: a channel, a DM and App Home; every action goes to the real bot as a signed Slack request.
(function () {
  'use strict';
  const { mrkdwn, blocks, html } = window.KbRender;
  const $ = (id) => document.getElementById(id);
  const state = { surface: 'channel', threadTs: null, channel: 'C0INCIDENT', dm: 'D0KBBOT001', messages: [], files: [] };
  const surfaceOf = (channel) => (channel === state.dm ? 'dm' : 'channel');

  // Theme: follows the system, switchable.
  const dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  $('dark').checked = dark;
  document.documentElement.classList.toggle('dark', dark);
  $('dark').addEventListener('change', (e) => document.documentElement.classList.toggle('dark', e.target.checked));

  function time(ts) {
    const d = new Date(Number(String(ts).split('.')[0]) * 1000);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function messageHtml(m) {
    const who = m.from === 'bot' ? 'kb-bot' : 'you';
    const body = m.blocks && m.blocks.length ? blocks(m.blocks) : mrkdwn(m.from === 'user' ? escapeForMrkdwn(m.text) : m.text);
    const files = m.files && m.files.length ? `<div class="muted small">Attached: ${m.files.map(html).join(', ')}</div>` : '';
    const eph = m.ephemeral ? '<div class="eph-note">Only visible to you</div>' : '';
    return `<div class="msg${m.ephemeral ? ' ephemeral' : ''}" data-ts="${html(m.ts)}" data-from="${m.from}">
      <div class="avatar ${m.from === 'bot' ? 'bot' : ''}">${m.from === 'bot' ? 'kb' : 'U'}</div>
      <div class="body">${eph}<span class="who">${who}</span><span class="time">${time(m.ts)}</span>${body}${files}</div></div>`;
  }

  // What the user typed is shown as text; only fences and inline code keep their look.
  function escapeForMrkdwn(text) {
    return String(text || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function render() {
    const list = $('messages');
    const here = state.messages.filter((m) => surfaceOf(m.channel) === state.surface);
    const roots = here.filter((m) => !m.threadTs || m.threadTs === m.ts);
    list.innerHTML = roots
      .map((root) => {
        const replies = here.filter((m) => m.threadTs && m.threadTs === root.ts && m !== root);
        const thread = replies.length ? `<div class="thread" aria-label="Thread">${replies.map(messageHtml).join('')}</div>` : '';
        const reply = root.ephemeral ? '' : `<div class="thread-actions"><button class="link small reply" data-ts="${html(root.ts)}">${replies.length ? `${replies.length} repl${replies.length === 1 ? 'y' : 'ies'} · ` : ''}Reply in thread</button>
          ${root.from === 'user' ? ` · <button class="link small shortcut" data-ts="${html(root.ts)}">Check with kb-bot</button>` : ''}</div>`;
        return messageHtml(root) + thread + reply;
      })
      .join('');
    list.scrollTop = list.scrollHeight;
  }

  function add(m) {
    state.messages.push(m);
    render();
  }

  function connect() {
    const es = new EventSource('/playground/stream');
    es.onmessage = (e) => {
      const ev = JSON.parse(e.data);
      if (ev.kind === 'hello') {
        state.channel = ev.channel;
        state.dm = ev.dm;
      } else if (ev.kind === 'message') add(ev);
      else if (ev.kind === 'home') {
        $('home').innerHTML = blocks(ev.view.blocks);
      }
    };
  }

  async function call(path, body) {
    const res = await fetch(`/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
    if (!out.ok) add({ from: 'bot', ephemeral: true, channel: state.surface === 'dm' ? state.dm : state.channel, ts: String(Date.now() / 1000), text: `_The bot answered HTTP ${out.status || res.status}${out.error ? `: ${out.error}` : ''}._` });
    return out;
  }

  async function send(text) {
    if (!text.trim() && state.files.length === 0) return;
    const files = await Promise.all(state.files.map(async (f) => ({ name: f.name, type: f.type, base64: await toBase64(f) })));
    state.files = [];
    $('file').value = '';
    $('file-names').textContent = '';
    await call('send', { surface: state.surface, text, threadTs: state.threadTs, files });
  }

  function toBase64(file) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result).split(',')[1] || '');
      r.onerror = reject;
      r.readAsDataURL(file);
    });
  }

  function setThread(ts) {
    state.threadTs = ts;
    $('replying').hidden = !ts;
  }

  function show(surface) {
    state.surface = surface;
    document.querySelectorAll('.conv').forEach((b) => b.classList.toggle('active', b.dataset.surface === surface));
    const home = surface === 'home';
    $('home').hidden = !home;
    $('messages').hidden = home;
    $('composer').hidden = home;
    $('examples').hidden = home;
    $('title').textContent = surface === 'dm' ? '@ kb-bot' : home ? 'kb-bot — App Home' : '# incidents';
    $('subtitle').textContent = surface === 'dm' ? 'Direct message: every message is a question' : home ? '' : 'kb-bot is in this channel and answers known crashes on its own';
    $('input').placeholder = surface === 'dm' ? 'Message kb-bot' : 'Message #incidents — @kb-bot to mention, /kb for the command, paste a crash log (Enter sends, Shift+Enter for a new line)';
    setThread(null);
    if (home) call('home', {});
    else render();
  }

  document.querySelectorAll('.conv').forEach((b) => b.addEventListener('click', () => show(b.dataset.surface)));
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('input').value;
    $('input').value = '';
    send(text);
  });
  $('input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('file').addEventListener('change', (e) => {
    state.files = [...e.target.files];
    $('file-names').textContent = state.files.map((f) => f.name).join(', ');
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
    const reply = e.target.closest('button.reply');
    if (reply) {
      setThread(reply.dataset.ts);
      $('input').focus();
      return;
    }
    const shortcut = e.target.closest('button.shortcut');
    if (shortcut) {
      const m = state.messages.find((x) => x.ts === shortcut.dataset.ts);
      if (m) call('shortcut', { messageTs: m.ts, channel: m.channel, text: m.text, threadTs: m.threadTs });
      return;
    }
    const action = e.target.closest('[data-action]');
    if (!action) return;
    const msgEl = action.closest('.msg');
    const m = msgEl && state.messages.find((x) => x.ts === msgEl.dataset.ts);
    if (action.tagName === 'A') {
      call('action', { actionId: action.dataset.action, channel: m ? m.channel : state.channel });
      return;
    }
    call('action', { actionId: action.dataset.action, value: action.dataset.value, blockId: action.dataset.block, channel: m ? m.channel : state.channel, messageTs: m ? m.ts : undefined, threadTs: m ? m.threadTs || m.ts : undefined, ephemeral: m ? !!m.ephemeral : false });
  });

  connect();
})();
