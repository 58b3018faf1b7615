/* Planassistenten: the chat page. Asks /api/ask, shows answers with their citations, and keeps the
 * conversation in localStorage. Server text only ever reaches the page through textContent. */
"use strict";

(function () {
  const STORAGE_KEY = "planassistenten.conversation.v1";
  const TURNS_KEPT = 50;
  const HISTORY_TURNS = 10;
  const SNIPPET_CHARS = 240;
  const NOT_FOUND_TEXT = "Jag hittar inget om det i dokumenten.";
  const UNREACHABLE_TEXT = "Kunde inte nå servern. Kontrollera anslutningen och försök igen.";
  const SERVER_ERROR_PREFIX = "Servern kunde inte svara: ";
  const TRUNCATED_TEXT = "Frågan var lång, så bara början av den användes.";
  // [1], [2] or a group such as [1, 3].
  const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

  const state = { turns: [], busy: false };
  const ui = {};
  let tipCount = 0;

  /* ---------- storage ---------- */

  function isStoredTurn(turn) {
    if (!turn || typeof turn.question !== "string") return false;
    if (turn.status === "answered") return Boolean(turn.answer) && typeof turn.answer.answer === "string";
    return turn.status === "error" && typeof turn.error === "string";
  }

  function loadConversation() {
    try {
      const data = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      return data && Array.isArray(data.turns) ? data.turns.filter(isStoredTurn) : [];
    } catch (error) {
      return [];
    }
  }

  function saveConversation() {
    const turns = state.turns.filter((turn) => turn.status !== "pending").slice(-TURNS_KEPT);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, turns: turns }));
    } catch (error) {
      // Storage full or turned off: the conversation then lives only as long as the page.
    }
  }

  function clearConversation() {
    state.turns = [];
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // Nothing stored, nothing to clear.
    }
  }

  /* ---------- small DOM helpers ---------- */

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function placeText(item) {
    const parts = [];
    if (item.section) parts.push(item.section);
    if (item.page !== null && item.page !== undefined) parts.push("s. " + item.page);
    return parts.join(" · ");
  }

  function snippet(text) {
    const flat = String(text || "").replace(/\s+/g, " ").trim();
    return flat.length > SNIPPET_CHARS ? flat.slice(0, SNIPPET_CHARS).trimEnd() + "…" : flat;
  }

  /* ---------- citations ---------- */

  function renderCitationMarker(citation) {
    const id = "cite-tip-" + ++tipCount;
    const wrap = make("span", "cite");
    const link = make("a", "cite__link", "[" + citation.n + "]");
    link.href = citation.url;
    link.dataset.cite = String(citation.n);
    link.setAttribute("aria-label", "Källa " + citation.n + ": " + citation.title);
    link.setAttribute("aria-describedby", id);

    const tip = make("span", "cite__tip");
    tip.id = id;
    tip.setAttribute("role", "tooltip");
    tip.dataset.citeTip = String(citation.n);
    const where = placeText(citation);
    tip.append(make("span", "cite__tip-title", citation.title + (where ? " – " + where : "")));
    tip.append(make("span", "cite__tip-quote", "”" + citation.quote + "”"));

    wrap.append(link, tip);
    wrap.addEventListener("mouseenter", () => showTip(wrap));
    wrap.addEventListener("focusin", () => showTip(wrap));
    wrap.addEventListener("mouseleave", () => wrap.classList.remove("is-dismissed"));
    wrap.addEventListener("focusout", () => wrap.classList.remove("is-dismissed"));
    return wrap;
  }

  function showTip(wrap) {
    // Keep the preview inside the window: flip it below near the top, nudge it in from the sides.
    const tip = wrap.querySelector(".cite__tip");
    tip.style.setProperty("--shift", "0px");
    wrap.classList.remove("cite--below");
    const margin = 8;
    let rect = tip.getBoundingClientRect();
    if (rect.top < margin) {
      wrap.classList.add("cite--below");
      rect = tip.getBoundingClientRect();
    }
    let shift = 0;
    if (rect.right > window.innerWidth - margin) shift = window.innerWidth - margin - rect.right;
    if (rect.left + shift < margin) shift = margin - rect.left;
    tip.style.setProperty("--shift", Math.round(shift) + "px");
  }

  function dismissTips(event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".cite:hover, .cite:focus-within").forEach((wrap) => {
      wrap.classList.add("is-dismissed");
    });
  }

  function renderAnswerText(text, citations) {
    const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
    const paragraph = make("p", "answer__text");
    paragraph.dataset.answerText = "";
    let last = 0;
    for (const match of text.matchAll(MARKER)) {
      const numbers = match[1].split(",").map((n) => Number(n.trim()));
      if (!numbers.every((n) => byNumber.has(n))) continue;
      paragraph.append(document.createTextNode(text.slice(last, match.index)));
      numbers.forEach((n) => paragraph.append(renderCitationMarker(byNumber.get(n))));
      last = match.index + match[0].length;
    }
    paragraph.append(document.createTextNode(text.slice(last)));
    return paragraph;
  }

  function renderSources(citations) {
    const section = make("section", "sources");
    section.dataset.sources = "";
    section.append(make("h3", "sources__title", "Källor"));
    const list = make("ol", "sources__list");
    citations.forEach((citation) => {
      const item = make("li", "source");
      item.value = citation.n;
      item.dataset.source = String(citation.n);
      const link = make("a", "source__link", citation.title);
      link.href = citation.url;
      item.append(make("span", "source__number", citation.n + "."), link);
      const where = placeText(citation);
      if (where) item.append(make("span", "source__place", where));
      list.append(item);
    });
    section.append(list);
    return section;
  }

  function renderRelated(related) {
    const section = make("section", "related");
    section.dataset.related = "";
    section.append(make("h3", "related__title", "Kanske relevant"));
    const list = make("ul", "related__list");
    related.forEach((passage) => {
      const item = make("li", "related__item");
      const link = make("a", "related__link", passage.title);
      link.href = passage.url;
      item.append(link);
      const where = placeText(passage);
      if (where) item.append(make("span", "related__place", where));
      item.append(make("p", "related__snippet", snippet(passage.text)));
      list.append(item);
    });
    section.append(list);
    return section;
  }

  /* ---------- activity rows ---------- */

  function renderActivities(activities) {
    // Register rows behind an answer (who / when / which activities), each linked to its row.
    const section = make("section", "activity-card");
    section.dataset.activities = "";
    section.append(make("h3", "activity-card__title", "Ur aktivitetsplanen"));
    const wrap = make("div", "activity-card__wrap");
    const table = make("table", "activity-card__table");
    const head = make("tr");
    ["Vad", "Ansvarig", "Start", "Deadline", "Källa"].forEach((title) => {
      const cell = make("th", null, title);
      cell.scope = "col";
      head.append(cell);
    });
    table.append(make("thead"), make("tbody"));
    table.tHead.append(head);
    activities.forEach((activity) => {
      const row = make("tr");
      row.dataset.activity = String(activity.id);
      const responsible = Array.isArray(activity.responsible) ? activity.responsible.join(", ") : "";
      [activity.what || activity.goal, responsible, activity.start, activity.deadline].forEach((text) => {
        row.append(make("td", null, text || "–"));
      });
      const source = make("td");
      const link = make("a", null, activity.title + (activity.page ? ", s. " + activity.page : ""));
      link.href = activity.url;
      source.append(link);
      row.append(source);
      table.tBodies[0].append(row);
    });
    wrap.append(table);
    section.append(wrap);
    return section;
  }

  /* ---------- turns ---------- */

  function renderQuestion(question) {
    const box = make("div", "message message--question");
    box.append(make("span", "visually-hidden", "Du frågade:"));
    const text = make("p", "message__text", question);
    text.dataset.question = "";
    box.append(text);
    return box;
  }

  function renderAnswer(turn) {
    const answer = turn.answer;
    const citations = Array.isArray(answer.citations) ? answer.citations : [];
    const related = Array.isArray(answer.related) ? answer.related : [];
    const box = make("article", "message message--answer");
    box.dataset.answer = "";
    box.dataset.found = String(Boolean(answer.found));
    box.append(make("span", "visually-hidden", "Planassistenten svarar:"));
    if (turn.truncated) box.append(make("p", "answer__note", TRUNCATED_TEXT));
    if (answer.found) {
      box.append(renderAnswerText(answer.answer, citations));
      if (citations.length) box.append(renderSources(citations));
      if (Array.isArray(answer.activities) && answer.activities.length) box.append(renderActivities(answer.activities));
    } else {
      const text = make("p", "answer__text answer__text--empty", NOT_FOUND_TEXT);
      text.dataset.answerText = "";
      box.append(text);
      if (related.length) box.append(renderRelated(related));
    }
    return box;
  }

  function renderPending() {
    const box = make("div", "message message--pending");
    box.dataset.pending = "";
    const spinner = make("span", "spinner");
    spinner.setAttribute("aria-hidden", "true");
    box.append(spinner, make("span", "message__text", "Söker i dokumenten…"));
    return box;
  }

  function renderError(turn, index) {
    const box = make("div", "message message--error");
    box.dataset.error = "";
    box.append(make("p", "message__text", turn.error));
    const retry = make("button", "button button--quiet", "Försök igen");
    retry.type = "button";
    retry.dataset.retry = String(index);
    retry.addEventListener("click", () => retryTurn(index));
    box.append(retry);
    return box;
  }

  function renderTurn(turn, index) {
    const item = make("li", "turn");
    item.dataset.turn = String(index);
    item.dataset.status = turn.status;
    item.append(renderQuestion(turn.question));
    if (turn.status === "pending") item.append(renderPending());
    if (turn.status === "answered") item.append(renderAnswer(turn));
    if (turn.status === "error") item.append(renderError(turn, index));
    return item;
  }

  function renderThread() {
    ui.thread.replaceChildren(...state.turns.map(renderTurn));
    ui.welcome.hidden = state.turns.length > 0;
  }

  function updateTurn(index) {
    // Replace only the turn that changed, so the live region announces just the new answer.
    const fresh = renderTurn(state.turns[index], index);
    const old = ui.thread.querySelector('[data-turn="' + index + '"]');
    if (old) old.replaceWith(fresh);
    else ui.thread.append(fresh);
    ui.welcome.hidden = state.turns.length > 0;
    return fresh;
  }

  function scrollToTurn(node) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    node.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
  }

  /* ---------- talking to the server ---------- */

  function historyBefore(index) {
    return state.turns
      .slice(0, index)
      .filter((turn) => turn.status === "answered")
      .slice(-HISTORY_TURNS)
      .map((turn) => ({ question: turn.question, answer: turn.answer.answer }));
  }

  async function postQuestion(question, history) {
    let response;
    try {
      response = await fetch("/api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ question: question, history: history }),
      });
    } catch (error) {
      return { error: UNREACHABLE_TEXT };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok || !data || typeof data.answer !== "string") {
      const reason = data && typeof data.error === "string" ? data.error : "fel " + response.status + ".";
      return { error: SERVER_ERROR_PREFIX + reason };
    }
    return { answer: data };
  }

  async function ask(question) {
    if (state.busy) return;
    setBusy(true);
    const index = state.turns.length;
    const history = historyBefore(index);
    state.turns.push({ question: question, status: "pending" });
    scrollToTurn(updateTurn(index));
    const result = await postQuestion(question, history);
    state.turns[index] = result.answer
      ? { question: question, status: "answered", answer: result.answer, truncated: Boolean(result.answer.truncated) }
      : { question: question, status: "error", error: result.error };
    saveConversation();
    scrollToTurn(updateTurn(index));
    setBusy(false);
  }

  function retryTurn(index) {
    if (state.busy) return;
    const question = state.turns[index].question;
    state.turns.splice(index, 1);
    renderThread();
    ask(question);
  }

  function setBusy(busy) {
    state.busy = busy;
    ui.send.disabled = busy;
    ui.thread.setAttribute("aria-busy", String(busy));
  }

  /* ---------- the form ---------- */

  function submitQuestion() {
    const question = ui.input.value.trim();
    if (!question || state.busy) {
      ui.input.focus();
      return;
    }
    ui.input.value = "";
    fitInput();
    ask(question);
    ui.input.focus();
  }

  function fitInput() {
    ui.input.style.height = "auto";
    ui.input.style.height = Math.min(ui.input.scrollHeight + 2, 220) + "px";
  }

  function onKeydown(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitQuestion();
    }
  }

  function onExample(event) {
    const button = event.target.closest("[data-example]");
    if (!button) return;
    ui.input.value = button.textContent.trim();
    submitQuestion();
  }

  function onNewConversation() {
    if (state.busy) return;
    clearConversation();
    renderThread();
    ui.input.value = "";
    fitInput();
    ui.input.focus();
  }

  function init() {
    ui.thread = document.getElementById("thread");
    ui.welcome = document.getElementById("welcome");
    ui.form = document.getElementById("composer");
    ui.input = document.getElementById("question");
    ui.send = document.getElementById("send");
    ui.reset = document.getElementById("new-conversation");
    if (!ui.thread || !ui.form) return;

    state.turns = loadConversation();
    renderThread();

    ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      submitQuestion();
    });
    ui.input.addEventListener("keydown", onKeydown);
    ui.input.addEventListener("input", fitInput);
    document.getElementById("examples").addEventListener("click", onExample);
    ui.reset.addEventListener("click", onNewConversation);
    document.addEventListener("keydown", dismissTips);
    if (state.turns.length) ui.thread.lastElementChild.scrollIntoView({ block: "start" });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
