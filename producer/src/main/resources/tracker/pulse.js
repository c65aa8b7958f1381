/*! Pulse tracker. <script defer src="http://<producer>/pulse.js" data-api="http://<producer>"></script>
 * Sends a view when a page is first seen and its time on page when the visitor leaves it. Options: data-page="name"
 * (instead of the path), data-history="off" (no view per history route change); pulse.view(name) for other routers.
 * No cookies: the visitor id is random, kept in localStorage. Do Not Track or Global Privacy Control: nothing is sent. */
(() => {
  const script = document.currentScript;
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true) {
    window.pulse = { view() {} };
    return;
  }
  const endpoint = (script.dataset.api || new URL(script.src).origin).replace(/\/+$/, "") + "/beacon";
  const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
    (byte) => byte.toString(16).padStart(2, "0")).join("");
  let visitor;
  try {
    visitor = localStorage.getItem("pulse.visitor") || randomId();
    localStorage.setItem("pulse.visitor", visitor);
  } catch (storageBlocked) {
    visitor = randomId();
  }

  // A keepalive fetch outlives the page and, unlike sendBeacon, leaves the browser's cookies for the producer's site
  // at home; as text/plain it needs no CORS preflight, and it carries the page's Origin whatever its Referrer-Policy.
  const keepalive = "keepalive" in Request.prototype;
  const send = (event) => {
    const body = JSON.stringify({ ...event, user: visitor });
    if (keepalive) {
      fetch(endpoint, { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => {});
    } else {
      navigator.sendBeacon?.(endpoint, body);
    }
  };

  // The latest view. Its start is unset until the page is first seen (a background tab or a prerendered page is
  // not), and -1 once the page was first hidden: coming back to the tab adds nothing.
  let page = null;
  const seen = () => {
    if (page && page.start === undefined && document.visibilityState === "visible" && !document.prerendering) {
      page.start = performance.now();
      send({ name: page.name, duration: 0, kind: "view", view: page.id });
    }
  };
  const leave = () => {
    if (page?.start >= 0) {
      const duration = Math.min(Math.round(performance.now() - page.start), 86400000);
      send({ name: page.name, duration, kind: "leave", view: page.id });
      page.start = -1;
    }
  };
  const view = (name, byTracker) => {
    name = String(name).slice(0, 128);
    // A route change and the site's own pulse.view() of the same page, one right after the other, are one view.
    if (page?.name === name && page.byTracker !== byTracker && !page.paired) {
      page.paired = true;
      return;
    }
    leave();
    page = { name, byTracker, id: randomId() };
    seen();
  };

  let path = location.pathname;
  const routeChanged = () => {
    if (location.pathname !== path) {
      path = location.pathname;
      view(path, true);
    }
  };
  if (script.dataset.history !== "off") {
    const pushState = history.pushState;
    history.pushState = function (...args) {
      pushState.apply(this, args);
      routeChanged();
    };
    addEventListener("popstate", routeChanged);
  }
  addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? leave() : seen()));
  document.addEventListener("prerenderingchange", seen);
  addEventListener("pagehide", leave);
  // Back to a page kept in the back/forward cache: a new view of it.
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      page = { name: page.name, id: randomId(), paired: true };
      seen();
    }
  });
  window.pulse = { view: (name) => view(name, false) };
  view(script.dataset.page || path, true);
})();
