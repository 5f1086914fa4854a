// The preview's behaviour: reload on a new version with the scroll kept, show the
// content's errors over the last good rendering, and say which source wrote a block.
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
  const events = new EventSource("/events?doc=" + encodeURIComponent(state.doc) + "&seen=" + state.version);
  events.onmessage = function (event) {
    const news = JSON.parse(event.data);
    if (news.errors.length) {
      showErrors(news.errors);
    } else if (news.version !== state.version) {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      events.close();
      location.reload();
    }
  };
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
