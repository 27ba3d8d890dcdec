// Following a submission until it is done: the server's event stream
// (GET /submissions/{id}/events: status, case, done) where it has one, else (or when the stream
// fails) GET /submissions/{id} once a second. A slow poll also runs beside the stream, so a
// stream that stays silent cannot leave the page waiting.
import { get } from './api.js';

// follow(id, {onStatus(status), onCase(ev), onDone(submission), onError(err)}) -> stop()
export function follow(id, handlers) {
  let stopped = false;
  let es = null;
  let timer = null;
  const path = `/submissions/${encodeURIComponent(id)}`;

  const stop = () => {
    stopped = true;
    if (es) es.close();
    es = null;
    clearTimeout(timer);
  };
  const finish = (sub) => {
    if (stopped) return;
    stop();
    handlers.onDone(sub);
  };
  const poll = async (delay) => {
    if (stopped) return;
    try {
      const sub = await get(path);
      if (stopped) return;
      if (sub.status === 'done') {
        finish(sub);
        return;
      }
      if (!es) handlers.onStatus(sub.status);
    } catch (e) {
      if (stopped) return;
      // a refusal (not found, not logged in) will not change: say so and stop
      if (e.status >= 400 && e.status < 500 && e.status !== 429) {
        stop();
        handlers.onError(e);
        return;
      }
    }
    timer = setTimeout(() => poll(es ? 3000 : 1000), delay);
  };

  if (typeof EventSource === 'function') {
    es = new EventSource(`${path}/events`);
    const parse = (ev) => {
      try {
        return JSON.parse(ev.data);
      } catch {
        return null;
      }
    };
    es.addEventListener('status', (ev) => {
      const d = parse(ev);
      if (d && !stopped) handlers.onStatus(d.status);
    });
    es.addEventListener('case', (ev) => {
      const d = parse(ev);
      if (d && !stopped) handlers.onCase(d);
    });
    es.addEventListener('done', (ev) => {
      const d = parse(ev);
      if (d && d.status === 'done') finish(d);
      else poll(0); // the full document from the API, if the event's was not usable
    });
    es.onerror = () => {
      // no stream here (404), or it broke: poll instead, every second
      if (stopped || !es) return;
      es.close();
      es = null;
      clearTimeout(timer);
      poll(0);
    };
    timer = setTimeout(() => poll(3000), 3000);
  } else {
    poll(0);
  }
  return stop;
}

// Following a board: "board" events of GET /competitions/{id}/events call onChange; without a
// stream, onChange every `every` ms. -> stop()
export function followBoard(id, onChange, every = 10000) {
  let stopped = false;
  let es = null;
  let timer = null;
  const tick = () => {
    if (stopped) return;
    onChange();
    timer = setTimeout(tick, every);
  };
  if (typeof EventSource === 'function') {
    es = new EventSource(`/competitions/${encodeURIComponent(id)}/events`);
    es.addEventListener('board', () => {
      if (!stopped) onChange();
    });
    es.onerror = () => {
      if (stopped || !es) return;
      es.close();
      es = null;
      timer = setTimeout(tick, every);
    };
  } else {
    timer = setTimeout(tick, every);
  }
  return () => {
    stopped = true;
    if (es) es.close();
    clearTimeout(timer);
  };
}
