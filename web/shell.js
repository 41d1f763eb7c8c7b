// shell.js: starts ConvLab's wasm. Checks what the page needs before loading
// anything (WebAssembly, WebGL2), shows progress while the wasm downloads, and
// turns every failure (missing feature, failed download, abort, lost WebGL
// context) into a sentence on the page instead of a blank canvas.
"use strict";
(function () {
  var overlay = document.getElementById("overlay");
  var statusEl = document.getElementById("status");
  var bar = document.querySelector("#progress > div");
  var errorEl = document.getElementById("error");
  var canvas = document.getElementById("canvas");

  function fail(message) {
    errorEl.textContent = message;
    errorEl.style.display = "block";
    statusEl.textContent = "";
    overlay.classList.remove("hidden");
    window.convlabHook = Object.assign(window.convlabHook || {}, { error: message });
  }

  if (typeof WebAssembly !== "object") {
    fail("This browser cannot run WebAssembly, which ConvLab needs. Try a current Chrome, Firefox, Safari or Edge.");
    return;
  }
  var probe = document.createElement("canvas").getContext("webgl2");
  if (!probe) {
    fail("This browser or device has WebGL2 turned off or unavailable, which ConvLab needs to draw. " +
         "Check that hardware acceleration is enabled, or try another browser.");
    return;
  }

  canvas.addEventListener("webglcontextlost", function (e) {
    e.preventDefault();
    fail("The graphics context was lost (the GPU was reset or the tab ran out of graphics memory). " +
         "Reload the page: your model is kept in the address bar.");
  }, false);

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    setStatus: function (text) {
      // Emscripten reports "Downloading data... (loaded/total)" while fetching.
      var m = text && text.match(/\((\d+(\.\d+)?)\/(\d+)\)/);
      if (m) bar.style.width = (100 * parseInt(m[1], 10) / parseInt(m[3], 10)).toFixed(0) + "%";
      if (text) statusEl.textContent = text.replace(/\(.*\)/, "").trim();
    },
    monitorRunDependencies: function (left) {
      if (left === 0) bar.style.width = "100%";
    },
    onRuntimeInitialized: function () {
      overlay.classList.add("hidden");
      canvas.focus();
    },
    onAbort: function (what) {
      fail("ConvLab stopped unexpectedly: " + what + ". Reload the page; your model is kept in the address bar.");
    },
  };

  var script = document.createElement("script");
  script.src = "convlab.js";
  script.async = true;
  script.onerror = function () { fail("Could not load convlab.js. Is the page served by tools/serve.sh?"); };
  document.body.appendChild(script);
})();
