// The print view's "In trang này" button: open the browser's print dialog (kept out of the HTML so
// the pages can forbid inline scripts).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
