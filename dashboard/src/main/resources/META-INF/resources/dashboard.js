'use strict';

// Page names come from users: they only ever reach the DOM through textContent, and the chart draws them on
// a canvas. Never build HTML from data here.
(() => {
  const backfillMillis = Number(document.body.dataset.backfillMillis);
  const statusLine = document.getElementById('status');
  const windowCaption = document.getElementById('window');
  const tableBody = document.querySelector('#counts tbody');
  const topPagesBody = document.querySelector('#top-pages tbody');
  const visitorsFigure = document.getElementById('visitors');
  const viewsFigure = document.getElementById('views');
  const headlineRange = document.getElementById('headline-range');
  const chartTitle = document.getElementById('chart-title');
  const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#ea580c', '#4f46e5', '#0d9488', '#9333ea'];

  // window start (epoch ms) -> {views: {page: count}, visitors: {page: count} or null until a live tick brings them}
  const windows = new Map();
  let measure = 'views';       // what the chart shows: 'views' or 'visitors'

  const datasets = new Map();  // page -> its chart dataset, kept so a page keeps its colour
  let liveWindowStart = null;  // the window the stream currently updates; history must not overwrite it
  let backfilled = false;      // whether the history since the last gap (page load, outage, reconnect) is in
  let backfilling = false;

  const chart = new Chart(document.getElementById('chart'), {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { offset: true, title: { display: true, text: 'window start' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'views' } },
      },
    },
  });

  const timeOf = (instant) => new Date(instant).toLocaleTimeString();

  function setStatus(state, text) {
    statusLine.dataset.state = state;
    statusLine.textContent = text;
  }

  function redrawChart() {
    const starts = [...windows.keys()].sort((a, b) => a - b);
    const oldestKept = starts[starts.length - 1] - backfillMillis;
    starts.filter((start) => start < oldestKept).forEach((start) => windows.delete(start));
    const kept = starts.filter((start) => start >= oldestKept);
    const pages = new Set(kept.flatMap((start) => Object.keys(windows.get(start).views)));

    for (const page of datasets.keys()) {
      if (!pages.has(page)) datasets.delete(page);
    }
    for (const page of pages) {
      if (!datasets.has(page)) {
        const colour = palette[datasets.size % palette.length];
        datasets.set(page, {
          label: page, data: [], borderColor: colour, backgroundColor: colour, tension: 0.25, pointRadius: 2.5,
        });
      }
      // Visitors of windows back-filled from the history are not known: a gap, not a zero.
      datasets.get(page).data = kept.map((start) => {
        const figures = windows.get(start)[measure];
        return figures ? (figures[page] ?? 0) : null;
      });
    }
    chart.options.scales.y.title.text = measure;
    chart.data.labels = kept.map(timeOf);
    chart.data.datasets = [...datasets.values()];
    chart.update();
  }

  function showCurrentWindow(snapshot) {
    windowCaption.textContent = snapshot.windowStart
      ? `${timeOf(snapshot.windowStart)} – ${timeOf(snapshot.windowEnd)}${snapshot.partial ? ' (partial)' : ''}`
      : '';
    const entries = Object.entries(snapshot.counts)
      .sort(([pageA, countA], [pageB, countB]) => countB - countA || pageA.localeCompare(pageB));
    const rows = entries.map(([page, count]) => {
      const row = document.createElement('tr');
      row.insertCell().textContent = page;
      const views = row.insertCell();
      views.textContent = count;
      views.className = 'number';
      return row;
    });
    if (rows.length === 0) {
      const row = document.createElement('tr');
      row.className = 'empty';
      const cell = row.insertCell();
      cell.colSpan = 2;
      cell.textContent = 'no page views in this window';
      rows.push(row);
    }
    tableBody.replaceChildren(...rows);
  }

  function windowAt(start) {
    if (!windows.has(start)) windows.set(start, { views: {}, visitors: null });
    return windows.get(start);
  }

  function onCounts(message) {
    const snapshot = JSON.parse(message.data);
    setStatus('live', snapshot.partial ? 'live · partial: an analytics instance did not answer' : 'live');
    showCurrentWindow(snapshot);
    if (snapshot.windowStart) {
      liveWindowStart = Date.parse(snapshot.windowStart);
      windowAt(liveWindowStart).views = snapshot.counts;
      redrawChart();
    }
    if (!backfilled) backfill();
  }

  const formatNumber = new Intl.NumberFormat();

  function formatDuration(millis) {
    if (millis === null || millis === undefined) return '–';
    return millis < 1000 ? `${Math.round(millis)} ms` : `${(millis / 1000).toFixed(1)} s`;
  }

  function showTopPages(ranking) {
    visitorsFigure.textContent = formatNumber.format(ranking.totals.visitors);
    viewsFigure.textContent = formatNumber.format(ranking.totals.views);
    const minutes = Math.round((Date.parse(ranking.to) - Date.parse(ranking.from)) / 60000);
    headlineRange.textContent = `in the last ${minutes} minutes${ranking.partial ? ' (partial)' : ''}`;
    const rows = ranking.pages.map((page) => {
      const row = document.createElement('tr');
      row.insertCell().textContent = page.name;
      for (const value of [formatNumber.format(page.views), formatNumber.format(page.visitors),
        formatDuration(page.duration.p50), formatDuration(page.duration.p95)]) {
        const cell = row.insertCell();
        cell.textContent = value;
        cell.className = 'number';
      }
      return row;
    });
    if (rows.length === 0) {
      const row = document.createElement('tr');
      row.className = 'empty';
      const cell = row.insertCell();
      cell.colSpan = 5;
      cell.textContent = 'no page views in the last minutes';
      rows.push(row);
    }
    topPagesBody.replaceChildren(...rows);
  }

  function onPages(message) {
    const stats = JSON.parse(message.data);
    showTopPages(stats.recent);
    const start = Date.parse(stats.window.from);
    if (windows.has(start)) {
      windowAt(start).visitors = Object.fromEntries(stats.window.pages.map((page) => [page.name, page.visitors]));
      if (measure === 'visitors') redrawChart();
    }
  }

  for (const choice of document.querySelectorAll('input[name="measure"]')) {
    choice.addEventListener('change', () => {
      measure = choice.value;
      chartTitle.textContent = measure === 'views' ? 'Views' : 'Visitors';
      if (windows.size > 0) redrawChart();
    });
  }

  function onStatus(message) {
    backfilled = false;
    const status = JSON.parse(message.data);
    setStatus('unreachable', status.detail ? `${status.status} · ${status.detail}` : status.status);
  }

  // Fills the chart with what happened before this page was open, or while it or analytics was away.
  // Called again on the next snapshot until it has worked once since the last gap.
  async function backfill() {
    if (backfilling) return;
    backfilling = true;
    try {
      const response = await fetch('/history', { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const history = await response.json();
        for (const window of history.windows) {
          const start = Date.parse(window.windowStart);
          if (start !== liveWindowStart) windowAt(start).views = window.counts;
        }
        backfilled = true;
        if (windows.size > 0) redrawChart();
      }
    } catch (error) {
      // The live stream says what is wrong; the next snapshot tries again.
    } finally {
      backfilling = false;
    }
  }

  function connect() {
    const source = new EventSource('/stream');
    source.addEventListener('counts', onCounts);
    source.addEventListener('pages', onPages);
    source.addEventListener('status', onStatus);
    source.onopen = () => {
      backfilled = false;
      backfill();
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on answers that are not an event stream; keep trying, gently.
        setStatus('reconnecting', 'dashboard unreachable · reconnecting…');
        setTimeout(connect, 5000);
      } else {
        setStatus('reconnecting', 'reconnecting…');
      }
    };
  }

  connect();
})();
