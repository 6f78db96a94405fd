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
  window.addEventListener("hashchange", select);
  select();
})();
