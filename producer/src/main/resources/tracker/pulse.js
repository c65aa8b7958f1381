/*! Pulse tracker. <script defer src="http://<producer>/pulse.js" data-api="http://<producer>"></script>
 * Sends a view when a page opens and its time on page when the visitor leaves it. Options: data-page="name"
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

  // text/plain, so that no CORS preflight doubles the requests; keepalive lets a fetch outlive the page.
  const send = (event) => {
    const body = JSON.stringify({ ...event, user: visitor });
    if (!navigator.sendBeacon?.(endpoint, body)) {
      fetch(endpoint, { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => {});
    }
  };

  let current = null;
  let lastName = null;
  const leave = () => {
    if (current) {
      const duration = Math.min(Math.round(performance.now() - current.start), 86400000);
      send({ name: current.name, duration, kind: "leave", view: current.id });
      current = null;
    }
  };
  const view = (name) => {
    leave();
    lastName = String(name).slice(0, 128);
    current = { name: lastName, id: randomId(), start: performance.now() };
    send({ name: lastName, duration: 0, kind: "view", view: current.id });
  };

  let path = location.pathname;
  const routeChanged = () => {
    if (location.pathname !== path) {
      path = location.pathname;
      view(path);
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
  // Time on page ends when the page is first hidden: a tab switched away, a navigation, a closed window.
  addEventListener("visibilitychange", () => document.visibilityState === "hidden" && leave());
  addEventListener("pagehide", leave);
  // Back to a page kept in the back/forward cache: a new view of it.
  addEventListener("pageshow", (event) => event.persisted && view(lastName));
  window.pulse = { view };
  view(script.dataset.page || path);
})();
