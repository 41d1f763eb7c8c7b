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

  // wasm SIMD where the browser has it, the scalar build elsewhere. The probe
  // is the smallest module using a SIMD instruction:
  //   (func (result v128) (i32x4.splat (i32.const 0)))
  // With SIMD and cross-origin isolation (the server's COOP and COEP headers,
  // which SharedArrayBuffer needs), the threads build: training in its own
  // thread, the kernels on every core. ?wasm=scalar or ?wasm=simd force those
  // builds (the browser tests use them).
  var simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
                                  10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);
  var forced = new URLSearchParams(window.location.search).get("wasm");
  var simd = forced !== "scalar" && WebAssembly.validate(simdProbe);
  var threads = simd && forced !== "simd" && window.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  var build = threads ? "threads" : simd ? "simd" : "scalar";
  window.convlabHook = Object.assign(window.convlabHook || {}, { build: build });
  var script = document.createElement("script");
  script.src = { threads: "convlab_threads.js", simd: "convlab.js", scalar: "convlab_scalar.js" }[build];
  script.async = true;
  script.onerror = function () { fail("Could not load " + script.src + ". Is the page served by tools/serve.sh?"); };
  document.body.appendChild(script);
})();
