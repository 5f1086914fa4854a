// The preview's behaviour: reload when the page's document was rendered again, scroll
// kept; show the content's errors over the last good rendering; say which source wrote
// a block. One event stream serves every tab (a browser allows six connections to a
// host): the tab holding a Web Lock listens and tells the others on a BroadcastChannel.
(function () {
  const state = JSON.parse(document.getElementById("rp-state").textContent);
  const scrollKey = "rp-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    window.scrollTo(0, Number(saved));
    sessionStorage.removeItem(scrollKey);
  }
  const overlay = document.getElementById("rp-overlay");
  const list = document.getElementById("rp-errors");
  function showErrors(errors) {
    list.textContent = errors.join("\n");
    overlay.hidden = errors.length === 0;
  }
  showErrors(state.errors);

  let reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }
  function newVersion(version) {
    if (version <= state.version) return;
    fetch("/state?doc=" + encodeURIComponent(state.doc))
      .then(function (response) { return response.json(); })
      .then(function (now) {
        if (now.errors.length) {
          showErrors(now.errors);
        } else if (state.rendered === null || (now.rendered !== null && now.rendered !== state.rendered)) {
          reload();
        } else {
          showErrors([]);
          state.version = now.version;
        }
      })
      .catch(function () {});
  }

  const channel = "BroadcastChannel" in window ? new BroadcastChannel("rp-preview") : null;
  if (channel) channel.onmessage = function (event) { newVersion(event.data); };
  function listen() {
    const events = new EventSource("/events?seen=" + state.version);
    events.onmessage = function (event) {
      const version = JSON.parse(event.data).version;
      if (channel) channel.postMessage(version);
      newVersion(version);
    };
    return events;
  }
  if (channel && navigator.locks) {
    // held until the tab closes; then the next tab waiting for it listens
    navigator.locks.request("rp-preview-events", function () {
      listen();
      return new Promise(function () {});
    });
  } else {
    listen();
  }

  const info = document.getElementById("rp-info");
  let picked = null;
  document.addEventListener("click", function (event) {
    const block = event.target.closest("[data-rp-id]");
    if (picked) picked.classList.remove("rp-picked");
    if (!block) { info.hidden = true; return; }
    picked = block;
    block.classList.add("rp-picked");
    info.querySelector(".rp-id").textContent = block.dataset.rpId;
    info.querySelector(".rp-ref").textContent = block.dataset.rpRef;
    const source = info.querySelector(".rp-src");
    source.textContent = "…";
    fetch("/source?doc=" + encodeURIComponent(state.doc) + "&block=" + encodeURIComponent(block.dataset.rpId))
      .then(function (response) { return response.json(); })
      .then(function (found) { source.textContent = found.place || "(not in a fragment)"; })
      .catch(function () { source.textContent = "(unknown)"; });
    info.style.left = Math.min(event.clientX + 12, window.innerWidth - 360) + "px";
    info.style.top = Math.min(event.clientY + 12, window.innerHeight - 90) + "px";
    info.hidden = false;
    event.stopPropagation();
  });
})();
