// The reviewer's upload form: drop files on the box, see what is chosen, catch too many or too large
// files before sending. Without JavaScript the plain file input and the server's checks do the same.
(function () {
  "use strict";
  var form = document.querySelector("form.upload");
  if (!form) { return; }
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector("[data-dropzone]");
  var list = form.querySelector("[data-file-list]");
  var errorBox = form.querySelector("[data-file-error]");
  var maxFiles = parseInt(form.getAttribute("data-max-files"), 10) || 0;
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  document.documentElement.classList.add("js");

  function size(bytes) {
    if (bytes < 1024 * 1024) { return Math.max(1, Math.round(bytes / 1024)) + " KB"; }
    return (bytes / 1024 / 1024).toFixed(1).replace(".", ",") + " MB";
  }

  function problem() {
    var files = input.files, total = 0, i;
    for (i = 0; i < files.length; i++) { total += files[i].size; }
    if (maxFiles && files.length > maxFiles) {
      return "Mỗi lần chỉ kiểm tra được tối đa " + maxFiles + " tệp; bạn đã chọn " + files.length + " tệp.";
    }
    if (maxBytes && total > maxBytes) {
      return "Tổng dung lượng " + size(total) + " vượt quá mức tối đa " + size(maxBytes) + " cho một lần gửi.";
    }
    return "";
  }

  function show() {
    list.textContent = "";
    var files = input.files, i;
    for (i = 0; i < files.length; i++) {
      var item = document.createElement("li");
      item.textContent = files[i].name + " (" + size(files[i].size) + ")";
      list.appendChild(item);
    }
    var message = problem();
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  form.addEventListener("submit", function (event) {
    var message = problem();
    if (message) {
      event.preventDefault();
      errorBox.textContent = message;
      errorBox.hidden = false;
      return;
    }
    form.querySelector("[data-submit]").disabled = true;
    form.querySelector("[data-busy]").hidden = false;
  });
}());
