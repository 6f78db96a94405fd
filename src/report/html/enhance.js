// The HTML report's one script (inlined): the page works without it. It
// marks the selected assertion and its journey with a class (for browsers
// without CSS :has()) and announces what the picture now shows.
(function () {
  "use strict";
  function select() {
    document.querySelectorAll(".selected").forEach(function (el) {
      el.classList.remove("selected");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var article = id ? document.getElementById(id) : null;
    if (!article || !article.classList.contains("assertion")) return;
    article.classList.add("selected");
    var file = article.closest(".file");
    var shown = file ? file.querySelector(".shown") : null;
    var journey = document.getElementById(article.getAttribute("data-journey") || "");
    if (journey) {
      journey.classList.add("selected");
      reveal(journey);
      var hops = journey.querySelectorAll(".hop").length;
      if (shown) {
        shown.textContent = "Showing the " + journey.getAttribute("aria-label") +
          ": " + hops + (hops === 1 ? " hop" : " hops") + ", numbered in red.";
      }
    } else if (shown) {
      shown.textContent = "`" + article.getAttribute("data-assertion") +
        "` has no journey to draw.";
    }
  }
  // In a picture too large to fit, scroll its box to the journey.
  function reveal(journey) {
    var canvas = journey.closest(".canvas");
    var svg = journey.ownerSVGElement;
    if (!canvas || !svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return;
    if (canvas.scrollWidth <= canvas.clientWidth && canvas.scrollHeight <= canvas.clientHeight) return;
    var box = journey.getBBox();
    var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    canvas.scrollLeft = (box.x + box.width / 2) * scale - canvas.clientWidth / 2;
    canvas.scrollTop = (box.y + box.height / 2) * scale - canvas.clientHeight / 2;
  }
  window.addEventListener("hashchange", select);
  select();
})();
