// NotesGuard local web chat. Every string from the server is set with textContent, never as HTML.
(() => {
  "use strict";

  const transcript = document.getElementById("transcript");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const status = document.getElementById("status");

  const ids = loadIds();
  let busy = false;

  function loadIds() {
    const random = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, "0")).join("");
    let stored = null;
    try { stored = JSON.parse(localStorage.getItem("notesguard-webchat") || "null"); } catch { stored = null; }
    if (!stored || !/^[a-f0-9]{24}$/.test(stored.conversationId || "") || !/^[a-f0-9]{24}$/.test(stored.userId || "")) {
      stored = { conversationId: random(), userId: random() };
      try { localStorage.setItem("notesguard-webchat", JSON.stringify(stored)); } catch { /* private mode: ids last for this page */ }
    }
    return stored;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" ? parsed.href : null;
    } catch { return null; }
  }

  function link(url, text) {
    const href = safeUrl(url);
    if (!href) return el("span", null, text);
    const a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function buttonRow(buttons, className, card) {
    const row = el("div", "buttons" + (className ? " " + className : ""));
    for (const b of buttons || []) {
      const button = el("button", b.style && b.style !== "default" ? b.style : null, b.title);
      button.type = "button";
      button.addEventListener("click", () => send({ value: b.value }, { card, button, label: b.title }));
      row.appendChild(button);
    }
    return row;
  }

  function owner(reply, card) {
    if (reply.ownerName) card.appendChild(el("p", "owner", reply.ownerName + "'s case"));
  }

  function renderText(reply) {
    const card = el("section", "msg bot " + (reply.kind === "notice" ? "notice" : ""));
    if (reply.title) card.appendChild(el("h2", null, reply.title));
    card.appendChild(el("p", null, reply.text));
    if (reply.buttons && reply.buttons.length) card.appendChild(buttonRow(reply.buttons, null, card));
    return card;
  }

  function renderQuestion(reply) {
    const card = el("section", "msg bot question");
    owner(reply, card);
    card.appendChild(el("p", "meta", reply.progress));
    if (reply.notice) card.appendChild(el("p", "retry", reply.notice));
    const heading = el("h2", null, reply.text);
    card.appendChild(heading);
    if (reply.why) {
      const details = el("details");
      details.appendChild(el("summary", null, "Why am I asked this?"));
      details.appendChild(el("p", null, reply.why));
      card.appendChild(details);
    }
    const choices = buttonRow(reply.buttons, "choices", card);
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", reply.text);
    card.appendChild(choices);
    if (reply.navigation && reply.navigation.length) card.appendChild(buttonRow(reply.navigation, "navigation", card));
    return card;
  }

  function renderAnswered(reply) {
    const line = el("section", "msg bot answered");
    const who = reply.ownerName ? reply.ownerName + " answered " : "";
    line.appendChild(el("p", null, "✓ " + who + reply.text + " — " + reply.answerTitle));
    return line;
  }

  function renderReview(reply) {
    const card = el("section", "msg bot review-card");
    owner(reply, card);
    card.appendChild(el("h2", null, "Check your answers"));
    const list = el("ul", "review");
    for (const item of reply.items || []) {
      const li = el("li");
      const text = el("div");
      text.appendChild(el("div", "q", item.questionText));
      text.appendChild(el("div", "a", item.answerTitle));
      li.appendChild(text);
      const change = buttonRow([item.change], null, card);
      change.firstChild.setAttribute("aria-label", item.change.title + ": " + item.questionText);
      li.appendChild(change);
      list.appendChild(li);
    }
    card.appendChild(list);
    card.appendChild(buttonRow(reply.buttons, null, card));
    if (reply.navigation && reply.navigation.length) card.appendChild(buttonRow(reply.navigation, "navigation", card));
    return card;
  }

  function renderGuidance(reply) {
    const advice = reply.advice || {};
    const card = el("section", "msg bot guidance");
    owner(reply, card);
    if (reply.practiceName) card.appendChild(el("p", "meta", reply.practiceName));
    card.appendChild(el("h2", null, advice.headline));
    // The verdict in the rulebook's words; the code only picks the colour (see .guidance .verdict in app.css).
    const verdict = el("span", "verdict " + (advice.handOverNotes || ""), advice.handOverNotesLabel || "");
    card.appendChild(verdict);

    // Steps are in order of urgency: the first `doNow` are what to do today, under their own heading first.
    // Numbering runs on across both lists so "step 4" means the same everywhere.
    const allSteps = advice.steps || [];
    const doNow = Math.min(advice.doNow || 0, allSteps.length);
    const groups = [["Do now", allSteps.slice(0, doNow), "do-now"], ["Then", allSteps.slice(doNow), "then"]];
    for (const [heading, steps, cls] of groups) {
      if (!steps.length) continue;
      card.appendChild(el("h3", cls, heading));
      const list = el("ol", cls);
      list.start = allSteps.indexOf(steps[0]) + 1;
      for (const step of steps) {
        const li = el("li");
        li.appendChild(el("p", null, step.text));
        list.appendChild(li);
      }
      card.appendChild(list);
    }

    if ((advice.links || []).length) {
      card.appendChild(el("h3", null, "Read more"));
      const links = el("ul");
      for (const l of advice.links) {
        const li = el("li");
        li.appendChild(link(l.url, l.title));
        links.appendChild(li);
      }
      card.appendChild(links);
    }

    // The "Do now" helpline step already says to call the insurer; here are only the practice's numbers.
    const supervisor = reply.supervisorContact || advice.supervisorContact;
    if ((advice.helplines || []).length || supervisor) card.appendChild(el("h3", null, "Who to call"));
    if ((advice.helplines || []).length) {
      const list = el("ul");
      for (const h of advice.helplines) {
        const li = el("li");
        li.appendChild(el("strong", null, h.name + ": "));
        const phone = el("a", null, h.phone);
        phone.href = "tel:" + h.phone.replace(/[^0-9+]/g, "");
        li.appendChild(phone);
        if (h.hours) li.appendChild(el("span", null, " (" + h.hours + ")"));
        if (h.policyNumberHint) li.appendChild(el("span", "sources", " — policy number: " + h.policyNumberHint));
        list.appendChild(li);
      }
      card.appendChild(list);
    }
    if (supervisor) card.appendChild(el("p", null, "Supervisor: " + supervisor));

    if ((advice.sources || []).length) {
      const details = el("details");
      details.appendChild(el("summary", null, "Sources"));
      const list = el("ul", "sources");
      for (const s of advice.sources) {
        const li = el("li");
        li.appendChild(s.url ? link(s.url, s.title) : el("span", null, s.title));
        if (s.citation) li.appendChild(el("span", null, " — " + s.citation));
        const citedBy = allSteps.map((step, i) => (step.sources || []).includes(s.id) ? i + 1 : 0).filter(n => n > 0);
        if (citedBy.length) li.appendChild(el("span", "cited-by", " (step " + citedBy.join(", ") + ")"));
        list.appendChild(li);
      }
      details.appendChild(list);
      card.appendChild(details);
    }

    card.appendChild(el("p", "disclaimer", advice.disclaimer));
    card.appendChild(el("p", "meta", "Rulebook version " + advice.rulebookVersion));
    card.appendChild(buttonRow(reply.buttons, null, card));
    return card;
  }

  // Documents that fit the card just shown: same-origin download links that expire after a few minutes.
  function download(path, text) {
    if (typeof path !== "string" || !path.startsWith("/letters/")) return el("span", null, text);
    const a = el("a", null, text);
    a.href = path;
    a.download = "";
    a.rel = "noreferrer";
    return a;
  }

  function renderDocuments(reply) {
    const card = el("section", "msg bot documents");
    card.appendChild(el("h2", null, "Documents for this situation"));
    card.appendChild(el("p", "meta", "Drafts with blanks in [square brackets] for you to fill in your own copy. The links work for a few minutes."));
    const list = el("ul");
    for (const d of reply.documents || []) {
      const item = el("li", null, d.title + ": ");
      item.appendChild(download(d.docxUrl, "Word"));
      item.appendChild(document.createTextNode(" · "));
      item.appendChild(download(d.textUrl, "text"));
      list.appendChild(item);
    }
    card.appendChild(list);
    return card;
  }

  const renderers = { text: renderText, question: renderQuestion, answered: renderAnswered, review: renderReview, guidance: renderGuidance, documents: renderDocuments };

  function render(reply) {
    const renderer = renderers[reply.type];
    return renderer ? renderer(reply) : null;
  }

  function setBusy(value) {
    busy = value;
    form.querySelector("button").disabled = value;
  }

  async function send(payload, clicked, silent) {
    if (busy) {
      status.textContent = "One moment: still sending your last answer.";
      return;
    }
    setBusy(true);
    status.textContent = "";
    if (silent) { /* the page's own opening turn is not something the user said */ }
    else if (payload.text) transcript.appendChild(el("section", "msg user", payload.text));
    else if (clicked) transcript.appendChild(el("section", "msg user", clicked.label));

    try {
      const response = await fetch("chat/turn", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversationId: ids.conversationId, userId: ids.userId, turnId: crypto.randomUUID().replace(/-/g, ""), ...payload }),
      });
      if (!response.ok) {
        let message = "Something went wrong (" + response.status + ").";
        try { message = (await response.json()).error || message; } catch { /* keep the status line */ }
        status.textContent = message;
        return;
      }
      const body = await response.json();
      const replies = body.replies || [];
      if (clicked && clicked.card && replies.length && replies[0].type === "answered") {
        for (const b of clicked.card.querySelectorAll("button")) b.disabled = true;
        clicked.button.classList.add("chosen");
      }
      let focusTarget = null;
      for (const reply of replies) {
        const node = render(reply);
        if (!node) continue;
        transcript.appendChild(node);
        // The documents offer follows the card: focus stays on the card's buttons, and Tab reaches the links.
        if (reply.type !== "answered" && reply.type !== "documents") focusTarget = node;
      }
      if (clicked && focusTarget) {
        // After a click, move to the newest message so keyboard users continue from there.
        const first = focusTarget.querySelector("button:not(:disabled)");
        if (first) first.focus();
        else { focusTarget.tabIndex = -1; focusTarget.focus(); }
      }
      (focusTarget || transcript.lastElementChild)?.scrollIntoView({ block: "nearest" });
    } catch {
      status.textContent = "Could not reach NotesGuard. Is it still running?";
    } finally {
      setBusy(false);
    }
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text });
    input.focus();
  });

  // Pick up where this browser left off, or say hello.
  send({ text: "continue" }, null, true);
})();
