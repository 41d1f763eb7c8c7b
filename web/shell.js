// shell.js: starts ConvLab's wasm. Checks what the page needs before loading
// anything (WebAssembly, WebGL2), shows progress while the wasm downloads, and
// turns every failure (missing feature, failed download, abort, lost WebGL
// context) into a sentence on the page instead of a blank canvas. Registers the
// service worker (sw.js: the offline copy, new versions, cross-origin
// isolation on hosts without the headers) and shows its "new version" banner.
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

  // Opened as a file, the browser refuses to fetch the wasm beside it.
  if (location.protocol === "file:") {
    fail("ConvLab must be served over http(s), not opened as a file: run, for example, " +
         "'python3 -m http.server' in its folder and open http://localhost:8000/.");
    return;
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
  var started = false;
  function startWasm() {
    if (started) return;
    started = true;
    window.convlabHook = Object.assign(window.convlabHook || {}, { build: build });
    var script = document.createElement("script");
    script.src = { threads: "convlab_threads.js", simd: "convlab.js", scalar: "convlab_scalar.js" }[build];
    script.async = true;
    script.onerror = function () { fail("Could not load " + script.src + ". Is the page served by tools/serve.sh?"); };
    document.body.appendChild(script);
  }

  // The page's language as the app keeps it: lang= in the address, else the
  // learner's last choice (localStorage), else the browser's.
  function pageLanguage() {
    var m = /[#&]lang=([A-Za-z-]+)/.exec(location.hash);
    var v = m ? m[1] : null;
    if (!v) { try { v = localStorage.getItem("convlab.lang"); } catch (e) {} }
    if (!v) v = navigator.language || "";
    return /^zh/i.test(v) ? "zh" : "en";
  }

  // ---- The service worker (sw.js). Browsers give one only to a secure page
  // (https, or http on localhost); elsewhere the page runs as before: no
  // offline copy, no isolation unless the server sends the headers.
  var sw = "serviceWorker" in navigator ? navigator.serviceWorker : null;
  if (!sw) { startWasm(); return; }

  // Cross-origin isolation from the worker: on a host that does not send
  // COOP/COEP, the page becomes isolated once the worker serves it, i.e. from
  // the next load on. A first visit that would run the threads build there
  // waits for the worker (which fetches the offline copy meanwhile, shown as
  // progress) and reloads once. Never twice: the flag below stops a loop on a
  // browser where the worker's headers do not isolate the page. A page the
  // worker already serves, or that is isolated, never reloads for this; nor
  // does a page in a frame (#embed=1), which its parent page would have to
  // isolate (and allow), so the worker's headers cannot.
  var RELOADED = "convlab.isolation-reload";
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) {}
  if (window.crossOriginIsolated && storage) storage.removeItem(RELOADED);
  var framed = true;
  try { framed = window.self !== window.top; } catch (e) {}
  var reloadForIsolation = simd && forced !== "simd" && !window.crossOriginIsolated && !sw.controller && !framed &&
    !!storage && !storage.getItem(RELOADED);
  if (!reloadForIsolation) startWasm();
  else {
    statusEl.textContent = pageLanguage() === "zh" ? "正在保存 ConvLab 的离线副本（仅首次访问）…"
      : "Saving ConvLab for offline use (first visit only)…";
    sw.addEventListener("message", function (e) {
      if (!started && e.data && e.data.type === "convlab-precache" && e.data.total > 0) {
        bar.style.width = (100 * e.data.done / e.data.total).toFixed(0) + "%";
      }
    });
    sw.ready.then(function () {
      if (started) return;
      storage.setItem(RELOADED, "1");
      location.reload();
    });
    // A worker that cannot install (a host in the middle of an upload, no
    // space) or a copy that takes too long must not keep the page from starting.
    setTimeout(startWasm, 60000);
  }

  // ---- A new version: the worker of the next build installs beside this one
  // and waits; the banner's Reload lets it take over, then every page of the
  // old version reloads (controllerchange), so none runs on two versions' files.
  var banner = document.getElementById("update");
  var bannerText = document.getElementById("update-text");
  var bannerButton = document.getElementById("update-reload");
  var registration = null;
  var BANNER = {
    en: { text: "A new version of ConvLab is ready.", button: "Reload", lang: "en" },
    zh: { text: "ConvLab 的新版本已就绪。", button: "重新加载", lang: "zh-CN" },
  };
  function labelBanner() {
    var b = BANNER[pageLanguage()];
    if (bannerText.textContent !== b.text) {
      bannerText.textContent = b.text;
      bannerButton.textContent = b.button;
      banner.lang = b.lang;
    }
  }
  function showBanner() {
    if (!banner.hidden) return;
    labelBanner();
    banner.hidden = false;
    window.convlabHook = Object.assign(window.convlabHook || {}, { updateReady: true });
    // The language menu changes the address without an event: follow it.
    setInterval(labelBanner, 1000);
  }
  bannerButton.addEventListener("click", function () {
    bannerButton.disabled = true;
    var waiting = registration && registration.waiting;
    if (waiting) waiting.postMessage({ type: "convlab-take-over" });
    else location.reload();  // none waits any more (another tab let it take over): a reload loads the current one
  });
  var hadController = !!sw.controller;
  var reloading = false;
  sw.addEventListener("controllerchange", function () {
    // The worker never claims pages it did not load, so this is a new version taking over.
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });
  sw.register("sw.js").then(function (reg) {
    if (!reg) { startWasm(); return; }  // registration switched off (the browser tests' contexts)
    registration = reg;
    var watch = function (w) {
      if (!w) return;
      w.addEventListener("statechange", function () {
        if (w.state === "installed" && sw.controller) showBanner();
        if (w.state === "redundant" && !sw.controller) startWasm();  // the first copy failed: start from the network
      });
    };
    if (reg.waiting && sw.controller) showBanner();
    watch(reg.installing);
    reg.addEventListener("updatefound", function () { watch(reg.installing); });
    // A classroom tab stays open for hours: look for a new version now and then.
    setInterval(function () { reg.update().catch(function () {}); }, 30 * 60 * 1000);
  }).catch(function (e) {
    console.warn("ConvLab works without its offline copy here: " + e);
    startWasm();
  });
  // Which version served this page (tests, and a teacher checking a machine).
  if (sw.controller) {
    fetch("version.json").then(function (r) { return r.json(); }).then(function (v) {
      window.convlabHook = Object.assign(window.convlabHook || {}, { version: v.version });
    }).catch(function () {});
  }
})();
