// The registration form: the session asked for is ticked, overlaps are flagged as they are ticked, and the
// API's answer is shown in place (errors next to their fields) instead of on a separate page. The API's own
// copy of this form (its page for a post with mistakes) does not carry the site's words: it stays a plain
// form that posts to the API and gets its answer as a page, as it does without JavaScript.
(() => {
  const form = document.getElementById('formulaire-inscription');
  if (!form || form.dataset.failed === undefined) {
    return;
  }

  const words = form.dataset;
  const summary = document.getElementById('erreurs');
  const boxes = [...form.querySelectorAll('.wc-choice input[type="checkbox"]')];
  const labelOf = (input) => (input ? form.querySelector(`label[for="${input.id}"]`).firstChild.textContent.trim() : '');
  // A field's name in the list of errors: its data-label, kept short (the label itself may be a sentence).
  const fieldLabel = (field) => document.getElementById(field)?.dataset.label ?? field;
  const item = (label, text) => (words.item ? fill(words.item, label, text) : text);
  form.noValidate = true;

  const wanted = words.sessionParameter && new URLSearchParams(location.search).get(words.sessionParameter);
  const preset = wanted && boxes.find((b) => b.value === wanted && !b.disabled);
  if (preset) {
    preset.checked = true;
  }

  const sessionsMessages = document.getElementById('sessions-messages');
  const flagOverlaps = () => {
    const ticked = boxes.filter((b) => b.checked);
    const clashes = [];
    ticked.forEach((a, i) => ticked.slice(i + 1).forEach((b) => {
      if (words.overlap && a.dataset.start < b.dataset.end && b.dataset.start < a.dataset.end) {
        clashes.push(fill(words.overlap, labelOf(a), labelOf(b)));
      }
    }));
    sessionsMessages.replaceChildren(...clashes.map((text) => {
      const p = document.createElement('p');
      p.className = 'fr-message fr-message--info';
      p.textContent = text;
      return p;
    }));
  };
  boxes.forEach((b) => b.addEventListener('change', flagOverlaps));
  flagOverlaps();

  const clearErrors = () => {
    form.querySelectorAll('.fr-input-group--error').forEach((g) => g.classList.remove('fr-input-group--error'));
    form.querySelectorAll('.fr-input--error').forEach((i) => i.classList.remove('fr-input--error'));
    form.querySelectorAll('.fr-checkbox-group--error').forEach((g) => g.classList.remove('fr-checkbox-group--error'));
    form.querySelectorAll('.fr-fieldset--error').forEach((g) => g.classList.remove('fr-fieldset--error'));
    form.querySelectorAll('.fr-message--error').forEach((m) => m.remove());
    form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
    summary.hidden = true;
    summary.replaceChildren();
  };

  const showSummary = (title, items) => {
    const alert = document.createElement('div');
    alert.className = 'fr-alert fr-alert--error fr-mb-4w';
    const heading = document.createElement('h2');
    heading.className = 'fr-alert__title';
    heading.textContent = title;
    alert.append(heading);
    if (items.length > 0) {
      const list = document.createElement('ul');
      for (const [field, text] of items) {
        const li = document.createElement('li');
        if (field) {
          const link = document.createElement('a');
          link.href = `#${field}`;
          link.textContent = item(fieldLabel(field), text);
          li.append(link);
        } else {
          li.textContent = text;
        }

        list.append(li);
      }

      alert.append(list);
    }

    summary.replaceChildren(alert);
    summary.hidden = false;
    summary.focus();
  };

  // A moment of the API (ISO 8601 with its offset) as the site writes times, in the event's time zone
  // (data-time-zone): 10 h 30 / 10:30,
  // with the day after it when it is not today (« jusqu’à 9 h 40 le 8 février », "until 09:40 on 8 February").
  // The forms are the page's: data-clock ({0} the hour, {1} the hour in two digits, {2} the minutes),
  // data-clock-whole on the hour, data-clock-day ({0} the time, {1} the day).
  const paris = (options) => new Intl.DateTimeFormat(words.locale, { timeZone: words.timeZone, ...options });
  const clock = (iso) => {
    const moment = new Date(iso);
    if (Number.isNaN(moment.getTime()) || !words.clock) {
      return iso;
    }

    const parts = Object.fromEntries(paris({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment).map((p) => [p.type, p.value]));
    const time = fill(parts.minute === '00' ? words.clockWhole : words.clock, Number(parts.hour), parts.hour, parts.minute);
    const day = paris({ day: 'numeric', month: 'long' });
    return day.format(moment) === day.format(new Date()) ? time : fill(words.clockDay, time, day.format(moment));
  };

  // What one result of the API says about its session, in the page's words: {0} is a time, {1} a position.
  const describeResult = (r) => {
    const when = (template) => fill(template ?? '', clock(r.holdUntil ?? r.confirmBy ?? ''), r.position ?? '');
    switch (r.status) {
      case 'confirmed':
        return words.confirmed;
      case 'held':
        return when(words.held);
      case 'waitlisted':
        return when(r.confirmBy ? words.waitlistedConfirm : words.waitlisted);
      case 'registered':
        return words.registered;
      case 'rejected':
        return wordFor(form, 'reason', r.reason) ?? r.reason;
      default:
        return r.status;
    }
  };

  const resultLines = (results) => results.map((r) => ['', item(labelOf(boxes.find((b) => b.value === r.session)) || r.session, describeResult(r))]);

  // The answer when nothing new was made for this address: every session was already its own. The answer says
  // no more (the address's owner gets their links by e-mail), so there is no booking page to go to.
  const showAlreadyRegistered = (results) => {
    const alert = document.createElement('div');
    alert.className = 'fr-alert fr-alert--info fr-mb-4w';
    const heading = document.createElement('h2');
    heading.className = 'fr-alert__title';
    heading.textContent = words.registeredTitle;
    const list = document.createElement('ul');
    for (const [, text] of resultLines(results)) {
      const li = document.createElement('li');
      li.textContent = text;
      list.append(li);
    }

    alert.append(heading, list);
    summary.replaceChildren(alert);
    summary.hidden = false;
    summary.focus();
  };

  // The DSFR's error state of a field's group: a fieldset (the sessions), a checkbox or a text input.
  const errorClassOf = (group) => (group.classList.contains('fr-fieldset') ? 'fr-fieldset--error' : group.classList.contains('fr-checkbox-group') ? 'fr-checkbox-group--error' : 'fr-input-group--error');

  const showFieldError = (field, messages) => {
    const input = document.getElementById(field);
    const group = document.getElementById(`${field}-groupe`) ?? (input?.localName === 'fieldset' ? input : null);
    const holder = document.getElementById(`${field}-messages`);
    if (group) {
      group.classList.add(errorClassOf(group));
    }

    if (input) {
      input.setAttribute('aria-invalid', 'true');
      if (input.classList.contains('fr-input')) {
        input.classList.add('fr-input--error');
      }
    }

    if (holder) {
      for (const message of messages) {
        const p = document.createElement('p');
        p.className = 'fr-message fr-message--error';
        p.textContent = message;
        holder.append(p);
      }
    }
  };

  // One idempotency key per submission: sending the same answers again (after an error, or by the plain
  // form post this script falls back to) names the same booking, so a retry never strands a seat under a
  // token nobody has. Changed answers are a new submission with a new key. Without JavaScript there is no
  // key: the page is static, so a key written in it would be everyone's.
  const keyField = Object.assign(document.createElement('input'), { type: 'hidden', name: words.idempotencyField });
  form.append(keyField);
  let submission = null;
  const keyFor = (body) => {
    const answers = JSON.stringify(body);
    if (submission?.answers !== answers) {
      const random = crypto.getRandomValues(new Uint8Array(16));
      submission = { answers, key: Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('') };
    }

    keyField.value = submission.key;
    return submission.key;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const body = answersOf(form, keyField.name);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    let response;
    try {
      response = await fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': keyFor(body) }, body: JSON.stringify(body) });
    } catch {
      // The API could not be reached from here: the plain form post still can.
      button.disabled = false;
      HTMLFormElement.prototype.submit.call(form);
      return;
    }

    button.disabled = false;
    const answer = await response.json().catch(() => ({}));
    if ((response.status === 200 || response.status === 201) && !answer.manageToken) {
      showAlreadyRegistered(answer.results ?? []);
      return;
    }

    if (response.status === 200 || response.status === 201) {
      const rejected = (answer.results ?? []).filter((r) => r.status === 'rejected').map((r) => `${r.session}:${r.reason}`).join(',');
      location.assign(`${fill(words.bookingPage, encodeURIComponent(answer.manageToken))}${rejected ? `&rejected=${encodeURIComponent(rejected)}` : ''}`);
      return;
    }

    if (response.status === 422 && answer.errors) {
      const items = [];
      for (const [field, messages] of Object.entries(answer.errors)) {
        showFieldError(field, messages);
        items.push([field, messages.join(' ')]);
      }

      showSummary(answer.title, items);
      return;
    }

    if (response.status === 409 && answer.results) {
      showSummary(answer.title, resultLines(answer.results).map(([, text]) => [boxes[0].name, text]));
      return;
    }

    showSummary(answer.title ?? words.failed, answer.detail ? [['', answer.detail]] : []);
  });
})();
