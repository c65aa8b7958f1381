'use strict';

// Page names come from users: they only ever reach the DOM through textContent, and the chart draws them on
// a canvas. Never build HTML from data here.
(() => {
  const backfillMillis = Number(document.body.dataset.backfillMillis);
  const rangeRefreshMillis = Number(document.body.dataset.rangeRefreshMillis);
  const topPages = Number(document.body.dataset.topPages);
  const statusLine = document.getElementById('status');
  const windowCaption = document.getElementById('window');
  const tableBody = document.querySelector('#counts tbody');
  const topPagesBody = document.querySelector('#top-pages tbody');
  const visitorsFigure = document.getElementById('visitors');
  const viewsFigure = document.getElementById('views');
  const headlineRange = document.getElementById('headline-range');
  const chartTitle = document.getElementById('chart-title');
  const chartResolution = document.getElementById('chart-resolution');
  const chartMeasure = document.getElementById('chart-measure');
  const currentWindowPanel = document.getElementById('current-window');
  const topPagesRange = document.getElementById('top-pages-range');
  const changeFigures = {
    views: document.getElementById('views-change'), visitors: document.getElementById('visitors-change'),
  };
  const picker = document.getElementById('range-picker');
  const customForm = document.getElementById('custom-range');
  const customFrom = document.getElementById('custom-from');
  const customTo = document.getElementById('custom-to');
  const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#ea580c', '#4f46e5', '#0d9488', '#9333ea'];
  const restColour = '#6b7280';

  // Window start (epoch ms) -> {views: {page: count}, total: views of all pages, visitors: {page: count} or null
  // until a live tick brings them, allVisitors}. `views` and `visitors` hold the pages the window's data gave, zeros
  // included: a page missing there is one whose figure the window does not know, drawn as a gap.
  const windows = new Map();
  let measure = 'views';       // what the chart shows: 'views' or 'visitors'

  let charted = [];            // the pages the live chart draws on their own: the top pages of the last 5 minutes
  const colours = new Map();   // page -> the index of its colour (colourOf), kept while the page is on screen
  const datasets = new Map();  // line -> its chart dataset, kept so that a line hidden from the legend stays hidden
  let liveWindowStart = null;  // the window the stream currently updates; history must not overwrite it
  let backfilled = false;      // whether the history since the last gap (page load, outage, reconnect) is in
  let backfilling = false;

  // A view is {key: 'live'}, a preset {key: '1h' | 'today' | '7d' | '30d'}, or {key: 'custom', from, to} (ISO
  // instants); presets maps each of the first to what its headline says. A view that is left closes its stream and
  // timers, and `generation` keeps out the answers still on their way for it.
  const presets = {
    live: 'in the last 5 minutes', '1h': 'in the last hour', today: 'today, since 00:00 UTC',
    '7d': 'in the last 7 days', '30d': 'in the last 30 days',
  };
  let generation = 0;
  let source = null;           // the open event stream, live or a preset's
  let timer = null;            // a reconnection or a custom range's refresh

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

  // The palette, then hues a golden angle apart: never two pages on screen in one colour, however many they are.
  function colourOf(index) {
    if (index < palette.length) return palette[index];
    const hue = ((index - palette.length) * 137.508) % 360;
    return `hsl(${hue.toFixed(3)} 70% ${[38, 50, 62][index % 3]}%)`;
  }

  // A page keeps its colour while it is on screen; one coming on takes the first colour no page on screen has.
  function colourPages(pages) {
    const shown = new Set(pages);
    for (const page of [...colours.keys()]) {
      if (!shown.has(page)) colours.delete(page);
    }
    const taken = new Set(colours.values());
    let next = 0;
    for (const page of pages) {
      if (!colours.has(page)) {
        while (taken.has(next)) next += 1;
        colours.set(page, next);
        taken.add(next);
      }
    }
  }

  // One line per page of `pages`, ranked, then `rest` (what the page lines leave out), drawn where it is not nothing.
  function drawLines(starts, labelOf, pages, pageValue, rest) {
    colourPages(pages);
    const lines = pages.map((page) => ({
      key: `page:${page}`, label: page, colour: colourOf(colours.get(page)), data: starts.map((start) => pageValue(start, page)),
    }));
    const restData = starts.map(rest.value);
    if (restData.some((value) => value > 0)) {
      lines.push({ key: 'rest', label: rest.label, colour: restColour, data: restData });
    }
    const keys = new Set(lines.map((line) => line.key));
    for (const key of [...datasets.keys()]) {
      if (!keys.has(key)) datasets.delete(key);
    }
    chart.data.labels = starts.map(labelOf);
    chart.data.datasets = lines.map((line) => {
      if (!datasets.has(line.key)) datasets.set(line.key, { tension: 0.25 });
      return Object.assign(datasets.get(line.key), {
        label: line.label, data: line.data, borderColor: line.colour, backgroundColor: line.colour,
        pointRadius: starts.length > 100 ? 0 : 2.5,
      });
    });
    chart.update();
  }

  function redrawChart() {
    const starts = [...windows.keys()].sort((a, b) => a - b);
    const oldestKept = starts[starts.length - 1] - backfillMillis;
    starts.filter((start) => start < oldestKept).forEach((start) => windows.delete(start));
    const kept = starts.filter((start) => start >= oldestKept);
    // Visitors of windows back-filled from the history are not known at all: gaps, not zeros.
    const pageValue = (start, page) => windows.get(start)[measure]?.[page] ?? null;
    // Visitors of the other pages cannot be had from the totals (a visitor may have viewed several pages): the
    // visitors chart ends with those of all pages instead.
    const rest = measure === 'views'
      ? {
        label: 'other',
        value: (start) => {
          const window = windows.get(start);
          if (window.total === undefined) return null;
          return window.total - charted.reduce((sum, page) => sum + (window.views[page] ?? 0), 0);
        },
      }
      : { label: 'all pages', value: (start) => windows.get(start).allVisitors ?? null };
    chart.options.scales.y.title.text = measure;
    drawLines(kept, timeOf, charted, pageValue, rest);
  }

  function emptyRow(columns, text) {
    const row = document.createElement('tr');
    row.className = 'empty';
    const cell = row.insertCell();
    cell.colSpan = columns;
    cell.textContent = text;
    return row;
  }

  function showCurrentWindow(snapshot) {
    windowCaption.textContent = snapshot.windowStart
      ? `${timeOf(snapshot.windowStart)} – ${timeOf(snapshot.windowEnd)}${snapshot.partial ? ' (partial)' : ''}`
      : '';
    // The snapshot also holds the chart's pages, with no views in this window maybe.
    const entries = Object.entries(snapshot.counts).filter(([, count]) => count > 0)
      .sort(([pageA, countA], [pageB, countB]) => countB - countA || pageA.localeCompare(pageB))
      .slice(0, topPages);
    const row = (page, count) => {
      const cells = document.createElement('tr');
      cells.insertCell().textContent = page;
      const views = cells.insertCell();
      views.textContent = count;
      views.className = 'number';
      return cells;
    };
    const rows = entries.map(([page, count]) => row(page, count));
    const others = snapshot.pages - entries.length;
    if (others > 0) {
      const rest = row(`${formatNumber.format(others)} other page${others === 1 ? '' : 's'}`,
        snapshot.views - entries.reduce((sum, [, count]) => sum + count, 0));
      rest.className = 'other';
      rows.push(rest);
    }
    if (rows.length === 0) rows.push(emptyRow(2, 'no page views in this window'));
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
      Object.assign(windowAt(liveWindowStart), { views: snapshot.counts, total: snapshot.views });
      redrawChart();
    }
    if (!backfilled) backfill();
  }

  const formatNumber = new Intl.NumberFormat();

  function formatDuration(millis) {
    if (millis === null || millis === undefined) return '–';
    return millis < 1000 ? `${Math.round(millis)} ms` : `${(millis / 1000).toFixed(1)} s`;
  }

  // "+12 %" against the period of the same length before; "—" when that period had nothing to compare with.
  function formatChange(percent) {
    if (percent === null || percent === undefined) return '—';
    if (percent > 0) return `+${formatNumber.format(percent)} %`;
    return percent < 0 ? `−${formatNumber.format(-percent)} %` : '0 %';
  }

  const utcMinute = (instant) => new Date(instant).toISOString().slice(0, 16).replace('T', ' ');

  function showHeadline(ranking, previous, rangeText) {
    visitorsFigure.textContent = formatNumber.format(ranking.totals.visitors);
    viewsFigure.textContent = formatNumber.format(ranking.totals.views);
    for (const [measureName, figure] of Object.entries(changeFigures)) {
      const percent = previous[`${measureName}Change`];
      figure.textContent = formatChange(percent);
      figure.dataset.trend = percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat';
      const period = `from ${utcMinute(previous.from)} to ${utcMinute(previous.to)} UTC`;
      figure.title = previous.totals
        ? `against ${formatNumber.format(previous.totals[measureName])} ${measureName} ${period}${previous.partial ? ' (partial)' : ''}`
        : `analytics keeps nothing ${period}`;
    }
    headlineRange.textContent = `${rangeText}${ranking.partial ? ' (partial)' : ''}`;
  }

  function showTopPages(ranking) {
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
    if (rows.length === 0) rows.push(emptyRow(5, 'no page views in this range'));
    topPagesBody.replaceChildren(...rows);
  }

  function onPages(message) {
    const stats = JSON.parse(message.data);
    const minutes = Math.round((Date.parse(stats.recent.to) - Date.parse(stats.recent.from)) / 60000);
    showHeadline(stats.recent, stats.previous, `in the last ${minutes} minutes`);
    showTopPages(stats.recent);
    charted = stats.recent.pages.map((page) => page.name);
    const start = Date.parse(stats.window.from);
    if (windows.has(start)) {
      Object.assign(windowAt(start), { visitors: stats.window.pages, allVisitors: stats.window.visitors });
    }
    if (windows.size > 0) redrawChart();
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
    setStatus(status.status === 'analytics refused the range' ? 'refused' : 'unreachable', status.detail ? `${status.status} · ${status.detail}` : status.status);
  }

  // This browser's sign-in ended (it expired, or the browser signed out in another tab): loading the page again takes
  // it to the sign-in page, which brings it back to this view.
  function signInAgain() {
    window.location.reload();
  }

  // Fills the chart with what happened before this page was open, or while it or analytics was away.
  // Called again on the next snapshot until it has worked once since the last gap.
  async function backfill() {
    if (backfilling) return;
    backfilling = true;
    const asked = generation;
    try {
      const response = await fetch('/history', { headers: { Accept: 'application/json' } });
      if (response.status === 401) {
        signInAgain();
      } else if (response.ok && asked === generation) {
        const history = await response.json();
        // The history's windows hold the pages it ranks first, those with views in each.
        for (const window of history.windows) {
          const start = Date.parse(window.windowStart);
          if (start !== liveWindowStart) {
            const views = Object.fromEntries(history.pages.map((page) => [page, window.pages[page] ?? 0]));
            Object.assign(windowAt(start), { views, total: window.views });
          }
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

  // One stream per view: the live one, or a preset's shared feed, which sends a `range` event per refresh.
  function connect(key) {
    source = new EventSource(key === 'live' ? '/stream' : `/stream?range=${encodeURIComponent(key)}`);
    if (key === 'live') {
      source.addEventListener('counts', onCounts);
      source.addEventListener('pages', onPages);
      source.onopen = () => {
        backfilled = false;
        backfill();
      };
    } else {
      source.addEventListener('range', (message) => showRange(JSON.parse(message.data)));
    }
    source.addEventListener('status', onStatus);
    const opened = source;
    source.onerror = () => {
      if (opened.readyState === EventSource.CLOSED) {
        // The browser gives up on answers that are not an event stream; keep trying, gently.
        setStatus('reconnecting', 'dashboard unreachable · reconnecting…');
        timer = setTimeout(() => reconnect(key), 5000);
      } else {
        setStatus('reconnecting', 'reconnecting…');
      }
    };
  }

  // A stream the browser gave up on: the dashboard was away, or no longer knows this browser, which its page then
  // answers with a redirect to the sign-in page rather than itself.
  async function reconnect(key) {
    const asked = generation;
    try {
      const page = await fetch(window.location.href, { redirect: 'manual' });
      if (page.type === 'opaqueredirect') {
        signInAgain();
        return;
      }
    } catch (error) {
      // Still away: the stream fails again, and the next try comes 5 s later.
    }
    if (asked === generation) connect(key);
  }

  const resolutionNames = { PT5S: '5 seconds', PT1M: 'minute', PT1H: 'hour', P1D: 'day' };

  // An ISO-8601 duration of days, hours, minutes and seconds, as analytics names its resolutions, in milliseconds.
  function durationMillis(iso) {
    const parts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso ?? '');
    if (!parts) return null;
    const [days, hours, minutes, seconds] = parts.slice(1).map((part) => Number(part ?? 0));
    return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  }

  // Labels in UTC, as precise as the resolution: the custom range is given in UTC too.
  function windowLabel(start, step) {
    const iso = new Date(start).toISOString();
    if (step >= 86400000) return iso.slice(0, 10);
    if (step >= 3600000) return iso.slice(5, 16).replace('T', ' ');
    return iso.slice(11, step >= 60000 ? 16 : 19);
  }

  function showRangeChart(chartData) {
    const step = durationMillis(chartData.resolution);
    chartResolution.textContent = `per ${resolutionNames[chartData.resolution] ?? chartData.resolution ?? 'window'}`
      + `${chartData.partial ? ' (partial)' : ''}`;
    // Analytics leaves out windows without views: the chart shows them as zeros.
    const byStart = new Map(chartData.windows.map((window) => [Date.parse(window.windowStart), window]));
    const starts = new Set(byStart.keys());
    if (step && chartData.from && chartData.to) {
      for (let start = Date.parse(chartData.from); start < Date.parse(chartData.to); start += step) starts.add(start);
    }
    const sorted = [...starts].sort((a, b) => a - b);
    const pageValue = (start, page) => byStart.get(start)?.pages[page] ?? 0;
    const other = (start) => {
      const window = byStart.get(start);
      return window ? window.views - chartData.pages.reduce((sum, page) => sum + (window.pages[page] ?? 0), 0) : 0;
    };
    chart.options.scales.x.title.text = 'window start (UTC)';
    chart.options.scales.y.title.text = 'views';
    drawLines(sorted, (start) => windowLabel(start, step ?? 0), chartData.pages, pageValue, { label: 'other', value: other });
  }

  function rangeText(stats) {
    return stats.range === 'custom'
      ? `from ${utcMinute(stats.ranking.from)} to ${utcMinute(stats.ranking.to)} UTC`
      : presets[stats.range];
  }

  function showRange(stats) {
    setStatus('live', `updated ${new Date().toLocaleTimeString()}`);
    showHeadline(stats.ranking, stats.previous, rangeText(stats));
    topPagesRange.textContent = `${rangeText(stats)}, by views`;
    showTopPages(stats.ranking);
    showRangeChart(stats.chart);
  }

  // A custom range is no shared stream: asked for once, and again every refresh while it includes now.
  async function fetchCustom(range) {
    const asked = generation;
    const includesNow = Date.parse(range.to) >= Date.now();
    try {
      const query = new URLSearchParams({ from: range.from, to: range.to });
      const response = await fetch(`/range?${query}`, { headers: { Accept: 'application/json' } });
      if (response.status === 401) {
        signInAgain();
        return;
      }
      const body = await response.json();
      if (asked !== generation) return;
      if (response.ok) {
        showRange(body);
        if (!includesNow) setStatus('fixed', `${rangeText(body)} · fixed range`);
      } else {
        setStatus(response.status === 400 ? 'refused' : 'unreachable', body.error ?? `dashboard answered ${response.status}`);
      }
    } catch (error) {
      if (asked !== generation) return;
      setStatus('unreachable', 'dashboard unreachable');
    }
    // A refused range stays refused; anything else may be better next time.
    if (asked === generation && (includesNow || statusLine.dataset.state === 'unreachable')) {
      timer = setTimeout(() => fetchCustom(range), rangeRefreshMillis);
    }
  }

  // The URL holds the view, so that it can be shared and reloaded: ?range=7d, ?from=...&to=..., nothing for live.
  function viewOf(search) {
    const query = new URLSearchParams(search);
    const from = query.get('from');
    const to = query.get('to');
    if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to))) {
      return { key: 'custom', from, to };
    }
    return { key: query.get('range') in presets ? query.get('range') : 'live' };
  }

  function urlOf(shown) {
    if (shown.key === 'live') return window.location.pathname;
    const query = shown.key === 'custom' ? { from: shown.from, to: shown.to } : { range: shown.key };
    return `${window.location.pathname}?${new URLSearchParams(query)}`;
  }

  const inputValue = (instant) => new Date(instant).toISOString().slice(0, 19);
  const instantOf = (value) => new Date(`${value.length === 16 ? `${value}:00` : value}Z`).toISOString().replace('.000Z', 'Z');

  function show(shown) {
    generation += 1;
    if (source) source.close();
    source = null;
    clearTimeout(timer);
    windows.clear();
    datasets.clear();
    colours.clear();
    charted = [];
    liveWindowStart = null;
    chart.data.labels = [];
    chart.data.datasets = [];
    chart.update();
    for (const button of picker.querySelectorAll('button[data-range]')) {
      button.setAttribute('aria-pressed', String(button.dataset.range === shown.key));
    }
    const live = shown.key === 'live';
    document.body.dataset.view = live ? 'live' : 'range';
    currentWindowPanel.hidden = !live;
    chartMeasure.hidden = !live;
    customForm.hidden = shown.key !== 'custom';
    for (const figure of Object.values(changeFigures)) figure.textContent = '';
    visitorsFigure.textContent = '–';
    viewsFigure.textContent = '–';
    headlineRange.textContent = live ? presets.live : '';
    topPagesRange.textContent = `${live ? 'last 5 minutes' : '…'}, by views`;
    chartTitle.textContent = live && measure === 'visitors' ? 'Visitors' : 'Views';
    if (live) {
      chartResolution.textContent = 'per window';
      chart.options.scales.x.title.text = 'window start';
    }
    tableBody.replaceChildren(emptyRow(2, 'waiting for the first snapshot…'));
    topPagesBody.replaceChildren(emptyRow(5, 'waiting for the first snapshot…'));
    setStatus('connecting', 'connecting…');
    if (shown.key === 'custom') {
      customFrom.value = inputValue(shown.from);
      customTo.value = inputValue(shown.to);
      fetchCustom(shown);
    } else {
      connect(shown.key);
    }
  }

  function choose(shown) {
    window.history.pushState(null, '', urlOf(shown));
    show(shown);
  }

  picker.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-range]');
    if (!button) return;
    if (button.dataset.range !== 'custom') {
      choose({ key: button.dataset.range });
      return;
    }
    // Custom asks for its two times first; the last hour to start from.
    if (!customFrom.value || !customTo.value) {
      const now = Date.now();
      customFrom.value = inputValue(now - 3600000);
      customTo.value = inputValue(now);
    }
    customForm.hidden = false;
    customFrom.focus();
  });

  customForm.addEventListener('submit', (event) => {
    event.preventDefault();
    choose({ key: 'custom', from: instantOf(customFrom.value), to: instantOf(customTo.value) });
  });

  window.addEventListener('popstate', () => show(viewOf(window.location.search)));

  show(viewOf(window.location.search));
})();
