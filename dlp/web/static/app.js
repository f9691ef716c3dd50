/* dlp web page: plain JavaScript, no build step, no external requests.
 *
 * Sends the draft and attachments to POST /api/scan, shows the verdict first,
 * then the draft with each finding marked, the safe copy with a copy button,
 * and each attachment's findings grouped by location.  User text is only ever
 * inserted as text nodes (never as HTML).
 */
(function () {
  "use strict";

  var CONFIG = JSON.parse(document.getElementById("dlp-config").textContent);
  var LIMITS = CONFIG.limits;
  var lang = pickLang();
  var files = [];        // File objects chosen so far
  var last = null;       // {data, text, files, mask} of the last check

  var $ = function (id) { return document.getElementById(id); };

  function pickLang() {
    var fromUrl = new URLSearchParams(window.location.search).get("lang");
    if (fromUrl === "id" || fromUrl === "en") return fromUrl;
    try {
      var saved = window.localStorage.getItem("dlp-lang");
      if (saved === "id" || saved === "en") return saved;
    } catch (e) { /* storage disabled */ }
    return CONFIG.lang || "id";
  }

  function T(key, values) {
    var s = (CONFIG.strings[lang] && CONFIG.strings[lang][key]) || CONFIG.strings.en[key] || key;
    if (values) {
      s = s.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
    }
    return s;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "class") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function humanSize(n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }

  function mb(n) { var v = n / 1024 / 1024; return v === Math.round(v) ? String(v) : v.toFixed(1); }

  // -- language ---------------------------------------------------------------
  function applyLang() {
    document.documentElement.lang = lang;
    document.title = T("title") + " · dlp";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = T(n.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (n) {
      n.setAttribute("placeholder", T(n.getAttribute("data-i18n-placeholder")));
    });
    document.querySelectorAll("[data-i18n-aria]").forEach(function (n) {
      n.setAttribute("aria-label", T(n.getAttribute("data-i18n-aria")));
    });
    document.querySelectorAll(".lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === lang ? "true" : "false");
    });
    renderFiles();
    if (last) render();
  }

  document.querySelectorAll(".lang button").forEach(function (b) {
    b.addEventListener("click", function () {
      lang = b.getAttribute("data-lang");
      try { window.localStorage.setItem("dlp-lang", lang); } catch (e) { /* ignore */ }
      applyLang();
    });
  });

  // -- attachments chosen ------------------------------------------------------
  function renderFiles() {
    var list = $("file-list");
    list.textContent = "";
    files.forEach(function (f, i) {
      var remove = el("button", {type: "button", text: T("remove"), "aria-label": T("remove") + " " + f.name});
      remove.addEventListener("click", function () { files.splice(i, 1); renderFiles(); });
      list.appendChild(el("li", null, [el("span", {class: "name", text: f.name}), el("span", {class: "size", text: humanSize(f.size)}), remove]));
    });
  }

  $("files").addEventListener("change", function (ev) {
    Array.prototype.forEach.call(ev.target.files, function (f) { files.push(f); });
    ev.target.value = "";
    renderFiles();
    hideMessage();
  });

  function showMessage(text) { var m = $("message"); m.textContent = text; m.hidden = false; }
  function hideMessage() { $("message").hidden = true; }

  // -- checking ----------------------------------------------------------------
  function tooBig(text) {
    if (!text.trim() && !files.length) return T("nothing");
    if (files.length > LIMITS.max_files) return T("too_many_files");
    if (text.length > LIMITS.max_text_chars) return T("text_too_long");
    var total = new Blob([text]).size;
    for (var i = 0; i < files.length; i++) {
      if (files[i].size > LIMITS.max_file_bytes) return T("file_too_big", {name: files[i].name});
      total += files[i].size;
    }
    if (total > LIMITS.max_total_bytes) return T("request_too_big");
    return null;
  }

  $("check-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = $("draft").value;
    var problem = tooBig(text);
    if (problem) { showMessage(problem); return; }
    hideMessage();
    var mask = $("mask-persons").checked;
    var form = new FormData();
    // The draft goes as a file part so its line breaks reach the server as typed
    // (form fields are sent with CRLF), keeping finding offsets exact.
    if (text) form.append("text", new Blob([text], {type: "text/plain;charset=utf-8"}), "draft.txt");
    files.forEach(function (f) { form.append("files", f, f.name); });
    form.append("lang", lang);
    form.append("copy_lang", lang);
    if (mask) form.append("mask_persons", "true");

    var button = $("check");
    button.disabled = true;
    button.textContent = T("checking");
    var sent = files.slice();
    fetch("/api/scan?lang=" + lang, {method: "POST", body: form})
      .then(function (resp) {
        return resp.json().catch(function () { return null; }).then(function (data) { return {resp: resp, data: data}; });
      })
      .then(function (r) {
        if (!r.resp.ok || !r.data || !r.data.files) {
          var err = r.data && r.data.error;
          showMessage(err ? (err.messages && err.messages[lang]) || err.message : T("server_error"));
          return;
        }
        last = {data: r.data, text: text, files: sent, mask: mask};
        render();
        $("verdict").focus();
      })
      .catch(function () { showMessage(T("network_error")); })
      .then(function () {
        button.disabled = false;
        button.textContent = T("check");
      });
  });

  // -- showing a result ----------------------------------------------------------
  function sevTag(sev) {
    return el("span", {class: "sev sev-tag-" + sev, text: T("sev_" + sev)});
  }

  function findingItem(f, n) {
    var name = f.label ? f.label[lang] : f.entity_type;
    var reason = f.reasons ? f.reasons[lang] : f.reason;
    var item = el("li", n ? {id: "finding-" + n} : null, [
      el("span", {class: "name", text: name}), ": ",
      el("mark", {class: "value sev-" + f.severity, text: f.text}), " ", sevTag(f.severity)
    ]);
    if (reason && reason !== name) item.appendChild(el("span", {class: "reason", text: reason}));
    return item;
  }

  function errorList(errors) {
    if (!errors || !errors.length) return null;
    var list = el("ul", {class: "errors"});
    errors.forEach(function (e) {
      var msg = (e.messages && e.messages[lang]) || e.message;
      if (e.where) msg = e.where[lang] + ": " + msg;
      list.appendChild(el("li", {text: msg}));
    });
    return list;
  }

  // Offsets from the server count Unicode code points; JavaScript strings count
  // UTF-16 units, so the draft is split into code points first (emoji in captions).
  function markDraft(container, text, findings) {
    container.textContent = "";
    var chars = Array.from(text);
    var pos = 0;
    var shown = [];
    findings.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (f) {
      if (f.start < pos || f.end > chars.length || f.end <= f.start) return;
      var value = chars.slice(f.start, f.end).join("");
      if (value !== f.text) return;
      if (f.start > pos) container.appendChild(document.createTextNode(chars.slice(pos, f.start).join("")));
      var n = shown.length + 1;
      var title = (f.label ? f.label[lang] : f.entity_type) + (f.reasons && f.reasons[lang] !== f.label[lang] ? " — " + f.reasons[lang] : "");
      container.appendChild(el("mark", {class: "sev-" + f.severity, "data-n": String(n), "data-entity": f.entity_type, title: title, text: value}));
      shown.push(f);
      pos = f.end;
    });
    if (pos < chars.length) container.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return shown;
  }

  function render() {
    var d = last.data;
    $("result").hidden = false;
    var box = $("verdict");
    box.className = "verdict verdict-" + d.verdict;
    $("verdict-word").textContent = T("verdict_" + d.verdict);
    $("verdict-note").textContent = T("verdict_note_" + d.verdict);
    $("summary").textContent = T("summary", d.summary);

    var draft = null;
    var attachments = [];
    d.files.forEach(function (f) { if (f.draft) draft = f; else attachments.push(f); });

    // The draft, marked.
    var section = $("draft-result");
    section.hidden = !draft;
    if (draft) {
      var marked = $("draft-marked");
      var shown = markDraft(marked, last.text, draft.findings);
      var list = $("draft-findings");
      list.textContent = "";
      var rest = draft.findings.filter(function (f) { return shown.indexOf(f) < 0; });
      shown.concat(rest).forEach(function (f, i) { list.appendChild(findingItem(f, i + 1)); });
      list.hidden = !draft.findings.length;
      var errs = $("draft-errors");
      errs.textContent = "";
      if (!draft.findings.length) errs.appendChild(el("p", {class: "none", text: T("no_findings")}));
      var el2 = errorList(draft.errors);
      if (el2) errs.appendChild(el2);
    }

    // The safe copy.
    var safe = d.safe_copy;
    $("safe-copy").hidden = !safe;
    if (safe) {
      $("safe-text").value = safe.text;
      $("copy-status").textContent = "";
      $("safe-verdict").textContent = T("safe_copy_verdict", {verdict: T("verdict_" + safe.verdict)});
    }

    // Attachments, each grouped by location.
    var holder = $("attachment-list");
    holder.textContent = "";
    $("attachments").hidden = !attachments.length;
    attachments.forEach(function (f, i) {
      var card = el("article", {class: "card attachment", "data-path": f.path}, [
        el("div", {class: "attachment-head"}, [
          el("h3", {text: f.path}),
          el("span", {class: "badge badge-" + f.verdict, text: T("verdict_" + f.verdict)})
        ]),
        el("p", {class: "media", text: f.media_type})
      ]);
      var errs = errorList(f.errors);
      if (errs) card.appendChild(errs);
      if (!f.findings.length && !f.errors.length) card.appendChild(el("p", {class: "none", text: T("no_findings")}));
      var groups = [];
      var byWhere = {};
      f.findings.forEach(function (x) {
        var where = x.where ? x.where[lang] : x.part;
        if (!(where in byWhere)) { byWhere[where] = []; groups.push(where); }
        byWhere[where].push(x);
      });
      groups.forEach(function (where) {
        card.appendChild(el("h4", {class: "where", text: where}));
        var list = el("ul", {class: "findings"});
        byWhere[where].forEach(function (x) { list.appendChild(findingItem(x)); });
        card.appendChild(list);
      });
      var file = last.files[i];
      if (f.redactable && file && f.verdict !== "safe") {
        var button = el("button", {type: "button", class: "button secondary download", text: T("download_safe")});
        button.addEventListener("click", function () { downloadSafe(file, button); });
        card.appendChild(el("div", {class: "row"}, [button]));
      }
      holder.appendChild(card);
    });
  }

  // -- the safe copy -----------------------------------------------------------------
  $("copy").addEventListener("click", function () {
    var area = $("safe-text");
    var done = function () { $("copy-status").textContent = T("copied"); };
    var fallback = function () {
      area.focus();
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) done(); else $("copy-status").textContent = T("copy_failed");
    };
    // The Clipboard API exists only on secure pages (https, localhost);
    // on an office network over plain http the selection fallback is used.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, fallback);
    } else {
      fallback();
    }
  });

  function downloadSafe(file, button) {
    var form = new FormData();
    form.append("file", file, file.name);
    form.append("lang", lang);
    form.append("copy_lang", lang);
    if (last && last.mask) form.append("mask_persons", "true");
    var label = button.textContent;
    button.disabled = true;
    button.textContent = T("downloading");
    fetch("/api/redact?lang=" + lang, {method: "POST", body: form})
      .then(function (resp) {
        if (!resp.ok) {
          return resp.json().then(function (data) {
            showMessage((data.error.messages && data.error.messages[lang]) || data.error.message);
          }, function () { showMessage(T("server_error")); });
        }
        return resp.blob().then(function (blob) {
          var name = file.name.replace(/(\.[^.]+)?$/, function (ext) { return "-aman" + (ext || ".txt"); });
          var link = el("a", {href: URL.createObjectURL(blob), download: name});
          document.body.appendChild(link);
          link.click();
          setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 2000);
        });
      })
      .catch(function () { showMessage(T("network_error")); })
      .then(function () { button.disabled = false; button.textContent = label; });
  }

  applyLang();
})();
