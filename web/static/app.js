/* Planassistenten: the chat page. Asks /api/ask, shows answers with their citations, takes a rating of
 * each answer (/api/feedback), and keeps the conversation in localStorage. Server text only ever
 * reaches the page through textContent. */
"use strict";

(function () {
  const STORAGE_KEY = "planassistenten.conversation.v1";
  const TURNS_KEPT = 50;
  const HISTORY_TURNS = 10;
  const SNIPPET_CHARS = 240;
  const NOT_FOUND_TEXT = "Jag hittar inget om det i dokumenten.";
  const NOT_FOUND_RELATED = "Prova att fråga på ett annat sätt, eller läs de stycken som ligger närmast.";
  const NOT_FOUND_NOTHING = "Prova att fråga på ett annat sätt, till exempel med namnet på en verksamhet eller plan.";
  const UNREACHABLE_TEXT = "Kunde inte nå servern. Kontrollera anslutningen och försök igen.";
  const SERVER_ERROR_PREFIX = "Servern kunde inte svara: ";
  const TRUNCATED_TEXT = "Frågan var lång, så bara början av den användes.";
  const WRITING_TEXT = "Formulerar svar …";
  const GENERATED_TEXT = "Formulerat av språkmodell utifrån källorna";
  const FEEDBACK_QUESTION = "Var svaret till hjälp?";
  const FEEDBACK_SAVED = "Tack! Ditt omdöme är sparat.";
  const FEEDBACK_COMMENTED = "Tack för kommentaren!";
  const FEEDBACK_FAILED = "Omdömet kunde inte sparas. ";
  const COMMENT_CHARS = 2000;
  const RATINGS = [
    { value: 1, text: "Ja", label: "Ja, svaret var till hjälp" },
    { value: -1, text: "Nej", label: "Nej, svaret var inte till hjälp" },
  ];
  // A thumb drawn on a 24-unit grid: the cuff, then the hand with its raised thumb.
  const THUMB_PATH =
    "M3 10h3.5v10H3zM8.5 10.5 11.8 3.6c1.5 0 2.6 1.2 2.3 2.8l-.6 3.6h5.1c1.4 0 2.4 1.3 2 2.6l-1.6 6" +
    "c-.3 1-1.1 1.6-2.1 1.6H8.5z";
  const SVG_NS = "http://www.w3.org/2000/svg";
  // [1], [2] or a group such as [1, 3].
  const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
  const BULLET = "• ";

  const state = { turns: [], busy: false, hasModel: false };
  const ui = {};
  let widgetCount = 0;

  /* ---------- storage ---------- */

  function isStoredFeedback(feedback) {
    return (
      feedback === undefined ||
      (Boolean(feedback) && Number.isInteger(feedback.id) && typeof feedback.key === "string" &&
        (feedback.rating === 1 || feedback.rating === -1))
    );
  }

  function isStoredTurn(turn) {
    if (!turn || typeof turn.question !== "string" || !isStoredFeedback(turn.feedback)) return false;
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
    // A model still writing when the page closes never finishes: the turn is stored without the wait.
    const turns = state.turns
      .filter((turn) => turn.status !== "pending")
      .slice(-TURNS_KEPT)
      .map((turn) => Object.assign({}, turn, { writing: false }));
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
    // Where in the document, and when the document is from: the title is shown beside it already.
    const parts = [];
    if (item.section) parts.push(item.section);
    if (item.page_label) parts.push(item.page_label);
    else if (item.page !== null && item.page !== undefined) parts.push("s. " + item.page);
    if (item.date) parts.push(item.date);
    return parts.join(" · ");
  }

  function snippet(text) {
    const flat = String(text || "").replace(/\s+/g, " ").trim();
    return flat.length > SNIPPET_CHARS ? flat.slice(0, SNIPPET_CHARS).trimEnd() + "…" : flat;
  }

  /* ---------- citations ---------- */

  function renderCitationMarker(citation) {
    const id = "cite-tip-" + ++widgetCount;
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

  function appendWithMarkers(node, text, byNumber) {
    let last = 0;
    for (const match of text.matchAll(MARKER)) {
      const numbers = match[1].split(",").map((n) => Number(n.trim()));
      if (!numbers.every((n) => byNumber.has(n))) continue;
      node.append(document.createTextNode(text.slice(last, match.index)));
      numbers.forEach((n) => node.append(renderCitationMarker(byNumber.get(n))));
      last = match.index + match[0].length;
    }
    node.append(document.createTextNode(text.slice(last)));
  }

  function renderAnswerText(text, citations) {
    // One line of the answer is a paragraph; lines that start with "• " are the items of a list.
    const byNumber = new Map(citations.map((citation) => [citation.n, citation]));
    const box = make("div", "answer__text");
    box.dataset.answerText = "";
    let list = null;
    text.split("\n").forEach((line) => {
      if (line.startsWith(BULLET)) {
        if (!list) {
          list = make("ul", "answer__list");
          box.append(list);
        }
        const item = make("li", "answer__item");
        appendWithMarkers(item, line.slice(BULLET.length), byNumber);
        list.append(item);
      } else {
        list = null;
        const paragraph = make("p", "answer__line");
        appendWithMarkers(paragraph, line, byNumber);
        box.append(paragraph);
      }
    });
    return box;
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
      if (typeof citation.version_note === "string" && citation.version_note) {
        item.append(make("span", "source__version", citation.version_note));
      }
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
    const titles = ["Vad", "Ansvarig", "Start", "Deadline", "Källa"];
    titles.forEach((title) => {
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
      // Each cell carries its column's name, shown beside it when a phone stacks the row.
      const start = activity.start_shown || activity.start;
      const deadline = activity.deadline_shown || activity.deadline;
      [activity.what || activity.goal, responsible, start, deadline].forEach((text, column) => {
        const cell = make("td", null, text || "–");
        cell.dataset.label = titles[column];
        row.append(cell);
      });
      const source = make("td");
      source.dataset.label = titles[4];
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

  /* ---------- feedback ---------- */

  function thumbIcon(down) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", down ? "icon icon--down" : "icon");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", THUMB_PATH);
    svg.append(path);
    return svg;
  }

  function renderFeedback(turn) {
    const box = make("div", "feedback");
    box.dataset.feedback = "";
    const id = "feedback-" + ++widgetCount;
    const label = make("p", "feedback__label", FEEDBACK_QUESTION);
    label.id = id + "-label";
    const choices = make("div", "feedback__choices");
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-labelledby", label.id);
    RATINGS.forEach((rating) => {
      const button = make("button", "feedback__choice");
      button.type = "button";
      button.dataset.rating = String(rating.value);
      button.setAttribute("aria-label", rating.label);
      button.append(thumbIcon(rating.value < 0), make("span", null, rating.text));
      button.addEventListener("click", () => rateAnswer(turn, box, rating.value));
      choices.append(button);
    });

    const form = make("form", "feedback__form");
    form.dataset.feedbackForm = "";
    form.hidden = true;
    const field = make("label", "feedback__field-label", "Vill du berätta mer? (valfritt)");
    field.htmlFor = id + "-comment";
    const comment = make("textarea", "feedback__comment");
    comment.id = id + "-comment";
    comment.rows = 2;
    comment.maxLength = COMMENT_CHARS;
    comment.placeholder = "Vad saknades eller var fel?";
    const send = make("button", "button button--secondary feedback__send", "Skicka kommentar");
    send.type = "submit";
    form.append(field, comment, send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendComment(turn, box);
    });

    const status = make("p", "feedback__status");
    status.dataset.feedbackStatus = "";
    status.setAttribute("role", "status");
    status.tabIndex = -1;
    box.append(label, choices, status, form);
    showRating(box, turn.feedback);
    return box;
  }

  function showRating(box, feedback) {
    box.querySelectorAll("[data-rating]").forEach((button) => {
      button.setAttribute("aria-pressed", String(Boolean(feedback) && Number(button.dataset.rating) === feedback.rating));
    });
    if (feedback) box.querySelector("[data-feedback-status]").textContent = feedback.comment ? FEEDBACK_COMMENTED : FEEDBACK_SAVED;
  }

  function showFeedbackError(box, error) {
    const status = box.querySelector("[data-feedback-status]");
    status.textContent = FEEDBACK_FAILED + error;
    status.classList.add("feedback__status--error");
  }

  async function rateAnswer(turn, box, rating) {
    if (box.dataset.sending || (turn.feedback && turn.feedback.rating === rating)) return;
    box.dataset.sending = "true";
    const answer = turn.answer;
    const result = turn.feedback
      ? await sendJson("/api/feedback/" + turn.feedback.id, { key: turn.feedback.key, rating: rating })
      : await sendJson("/api/feedback", {
          question: typeof answer.question === "string" && answer.question ? answer.question : turn.question,
          answer: answer.answer,
          found: Boolean(answer.found),
          citations: Array.isArray(answer.citations) ? answer.citations : [],
          rating: rating,
        });
    delete box.dataset.sending;
    if (result.error) {
      showFeedbackError(box, result.error);
      return;
    }
    const comment = turn.feedback ? turn.feedback.comment : "";
    const id = turn.feedback ? turn.feedback.id : result.data.id;
    const key = turn.feedback ? turn.feedback.key : result.data.key;
    turn.feedback = { id: id, key: key, rating: rating, comment: comment };
    saveConversation();
    box.querySelector("[data-feedback-status]").classList.remove("feedback__status--error");
    showRating(box, turn.feedback);
    if (!comment) box.querySelector("[data-feedback-form]").hidden = false;
  }

  async function sendComment(turn, box) {
    const input = box.querySelector(".feedback__comment");
    const comment = input.value.trim();
    if (!turn.feedback || box.dataset.sending) return;
    if (!comment) {
      input.focus();
      return;
    }
    box.dataset.sending = "true";
    const result = await sendJson("/api/feedback/" + turn.feedback.id, { key: turn.feedback.key, comment: comment });
    delete box.dataset.sending;
    if (result.error) {
      showFeedbackError(box, result.error);
      return;
    }
    turn.feedback.comment = comment;
    saveConversation();
    const status = box.querySelector("[data-feedback-status]");
    status.classList.remove("feedback__status--error");
    box.querySelector("[data-feedback-form]").hidden = true;
    showRating(box, turn.feedback);
    // The form had the focus; hand it to the thanks rather than let it fall back to the page.
    status.focus();
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
    if (answer.mode === "generated") {
      const mark = make("p", "answer__note answer__note--generated", GENERATED_TEXT);
      mark.dataset.generated = "";
      box.append(mark);
    }
    if (answer.found) {
      box.append(renderAnswerText(answer.answer, citations));
      if (citations.length) box.append(renderSources(citations));
      if (Array.isArray(answer.activities) && answer.activities.length) box.append(renderActivities(answer.activities));
      if (turn.writing) box.append(renderWriting());
    } else {
      const text = make("p", "answer__text answer__text--empty", NOT_FOUND_TEXT);
      text.dataset.answerText = "";
      box.append(text, make("p", "answer__hint", related.length ? NOT_FOUND_RELATED : NOT_FOUND_NOTHING));
      if (related.length) box.append(renderRelated(related));
    }
    box.append(renderFeedback(turn));
    return box;
  }

  function renderWriting() {
    // The quoted answer stands while the site's language model writes one; it replaces it when ready.
    const line = make("p", "answer__writing");
    line.dataset.writing = "";
    line.append(thinkingDots(), make("span", "", WRITING_TEXT));
    return line;
  }

  function thinkingDots() {
    const dots = make("span", "thinking");
    dots.setAttribute("aria-hidden", "true");
    dots.append(make("span"), make("span"), make("span"));
    return dots;
  }

  function renderPending() {
    const box = make("div", "message message--pending");
    box.dataset.pending = "";
    box.append(thinkingDots(), make("span", "message__text", "Letar i dokumenten…"));
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

  function showEmptyOrThread() {
    ui.welcome.hidden = state.turns.length > 0;
    ui.reset.hidden = state.turns.length === 0;
  }

  function renderThread() {
    ui.thread.replaceChildren(...state.turns.map(renderTurn));
    showEmptyOrThread();
  }

  function updateTurn(index) {
    // Replace only the turn that changed, so the live region announces just the new answer.
    const fresh = renderTurn(state.turns[index], index);
    const old = ui.thread.querySelector('[data-turn="' + index + '"]');
    if (old) old.replaceWith(fresh);
    else ui.thread.append(fresh);
    showEmptyOrThread();
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

  async function sendJson(url, body) {
    // Returns { data } for a JSON object from a 2xx reply, else { error } in words for staff.
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
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
    if (response.ok && data && typeof data === "object") return { data: data };
    if (data && typeof data.error === "string") return { error: SERVER_ERROR_PREFIX + data.error };
    return { error: "Servern kunde inte svara (felkod " + response.status + "). Försök igen om en stund." };
  }

  async function postQuestion(question, history, generate) {
    const result = await sendJson("/api/ask", { question: question, history: history, generate: generate });
    if (result.data && typeof result.data.answer !== "string") return { error: SERVER_ERROR_PREFIX + "oväntat svar." };
    return result.data ? { answer: result.data } : result;
  }

  async function ask(question) {
    if (state.busy) return;
    setBusy(true);
    const index = state.turns.length;
    const history = historyBefore(index);
    state.turns.push({ question: question, status: "pending" });
    scrollToTurn(updateTurn(index));
    // With a language model on the server, the quoted answer comes first and the model's follows.
    const result = await postQuestion(question, history, false);
    const turn = result.answer
      ? { question: question, status: "answered", answer: result.answer, truncated: Boolean(result.answer.truncated) }
      : { question: question, status: "error", error: result.error };
    turn.writing = state.hasModel && turn.status === "answered" && Boolean(turn.answer.found);
    state.turns[index] = turn;
    saveConversation();
    scrollToTurn(updateTurn(index));
    setBusy(false);
    if (turn.writing) await writeAnswer(turn, question, history);
  }

  async function writeAnswer(turn, question, history) {
    const result = await postQuestion(question, history, true);
    turn.writing = false;
    // Rated already? The rating stays with the turn; a generated answer replaces only the text.
    if (result.answer && result.answer.mode === "generated") turn.answer = result.answer;
    const index = state.turns.indexOf(turn);
    if (index < 0) return;
    saveConversation();
    updateTurn(index);
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
    state.hasModel = document.getElementById("chat").dataset.model === "true";

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
