// The theme's own behaviour. Everything here enhances pages that already work without JavaScript.

// The DSFR behaviours the pages use: the header menu and the display settings as dialogs, the breadcrumb that
// unfolds, the colour scheme. The DSFR's own scripts do this and far more, but they start a loop on every
// animation frame that keeps a phone's main thread busy for half a second after each page loads; these few
// lines set the same classes and attributes, so the DSFR's stylesheet applies unchanged.
(() => {
  const root = document.documentElement;
  const tabbable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const openersOf = (modal) => [...document.querySelectorAll(`[aria-controls="${modal.id}"]:not(.fr-btn--close)`)];
  let current = null;

  // The DSFR fades dialogs and unfolding panels in: until their transition has begun they are invisible, so
  // cannot take the focus. Tried again on the next frames until it holds (a busy phone may take a few).
  const focusWhenShown = (find, frames = 30) => {
    const target = find();
    if (target) {
      target.focus();
    }

    if (document.activeElement !== target && frames > 0) {
      requestAnimationFrame(() => focusWhenShown(find, frames - 1));
    }
  };

  const close = (giveFocusBack) => {
    if (!current) {
      return;
    }

    const { modal, opener } = current;
    current = null;
    modal.classList.remove('fr-modal--opened');
    modal.removeAttribute('aria-modal');
    if (modal.localName === 'dialog') {
      modal.removeAttribute('open');
    } else {
      // The header menu is a dialog only while it is open on a small screen; on a wide one it is the navigation.
      modal.removeAttribute('role');
      modal.removeAttribute('aria-label');
    }

    for (const button of openersOf(modal)) {
      button.setAttribute('data-fr-opened', 'false');
    }

    root.style.removeProperty('overflow');
    if (giveFocusBack) {
      // The button that opened it may have gone (the menu closed when it opened the display settings).
      (visible(opener) ? opener : openersOf(modal).find(visible) ?? document.getElementById('bouton-menu'))?.focus();
    }
  };

  const open = (modal, opener) => {
    close(false);
    current = { modal, opener };
    if (modal.localName === 'dialog') {
      modal.setAttribute('open', '');
    } else {
      modal.setAttribute('role', 'dialog');
      modal.setAttribute('aria-label', opener.textContent.trim());
    }

    modal.setAttribute('aria-modal', 'true');
    modal.classList.add('fr-modal--opened');
    for (const button of openersOf(modal)) {
      button.setAttribute('data-fr-opened', 'true');
    }

    root.style.overflow = 'hidden';
    focusWhenShown(() => current?.modal === modal ? [...modal.querySelectorAll(tabbable)].find(visible) : null);
  };

  document.addEventListener('click', (event) => {
    if (current && event.target === current.modal) {
      // A click on the dimmed backdrop around the dialog's body.
      close(true);
      return;
    }

    const button = event.target.closest('[aria-controls]');
    const target = button && document.getElementById(button.getAttribute('aria-controls'));
    if (!target) {
      return;
    }

    if (target.classList.contains('fr-modal')) {
      if (button.classList.contains('fr-btn--close') || current?.modal === target) {
        close(true);
      } else {
        open(target, button);
      }
    } else if (target.classList.contains('fr-collapse')) {
      const expanded = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(expanded));
      target.classList.toggle('fr-collapse--expanded', expanded);
      if (expanded && !visible(button)) {
        // The breadcrumb's button hides itself once the trail is shown: the focus goes to the trail.
        focusWhenShown(() => target.classList.contains('fr-collapse--expanded') ? target.querySelector('a[href]') : null);
      }
    }
  });

  document.addEventListener('keydown', (event) => {
    if (!current) {
      return;
    }

    if (event.key === 'Escape') {
      close(true);
    } else if (event.key === 'Tab') {
      // The focus stays inside the open dialog.
      const stops = [...current.modal.querySelectorAll(tabbable)].filter(visible);
      if (stops.length === 0) {
        event.preventDefault();
        return;
      }

      const first = stops[0];
      const last = stops[stops.length - 1];
      if (!current.modal.contains(document.activeElement) || (event.shiftKey && document.activeElement === first)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  // The header menu is a dialog on small screens only: widening the window closes it.
  matchMedia('(min-width: 62em)').addEventListener('change', (event) => {
    if (event.matches && current?.modal.classList.contains('fr-header__menu')) {
      close(false);
    }
  });

  // Display settings: light, dark or the system's choice, remembered under the DSFR's own key. The head's
  // inline script applies the remembered choice before the page is painted.
  const prefersDark = matchMedia('(prefers-color-scheme: dark)');
  const stored = () => {
    try {
      return localStorage.getItem('scheme') ?? 'system';
    } catch {
      return 'system';
    }
  };
  const apply = (scheme) => {
    const theme = scheme === 'dark' || (scheme === 'system' && prefersDark.matches) ? 'dark' : 'light';
    root.setAttribute('data-fr-scheme', scheme);
    root.setAttribute('data-fr-theme', theme);
    root.style.colorScheme = theme;
  };

  const radios = [...document.querySelectorAll('input[name="fr-radios-theme"]')];
  for (const radio of radios) {
    radio.checked = radio.value === stored();
    radio.addEventListener('change', () => {
      try {
        localStorage.setItem('scheme', radio.value);
      } catch {
        // Storage refused (private browsing): the choice holds for this page.
      }

      apply(radio.value);
    });
  }

  prefersDark.addEventListener('change', () => {
    if (stored() === 'system') {
      apply('system');
    }
  });
})();

// Programme filters: CSS already hides what the radio buttons exclude; this keeps the choice in the address
// bar (so a filtered programme can be shared), says how many sessions are shown, and hides empty days.
(() => {
  const form = document.getElementById('filtres');
  if (!form) {
    return;
  }

  const attributes = { format: 'kind', lieu: 'venue', public: 'audience' };
  const count = document.getElementById('programme-compte');
  const sessions = [...document.querySelectorAll('.wc-programme .wc-session')];
  const days = [...document.querySelectorAll('.wc-programme .wc-day')];

  const params = new URLSearchParams(window.location.search);
  for (const name of Object.keys(attributes)) {
    const value = params.get(name);
    const radio = value && form.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (radio) {
      radio.checked = true;
    }
  }

  const update = (announce) => {
    const chosen = {};
    const query = new URLSearchParams();
    for (const name of Object.keys(attributes)) {
      const value = form.querySelector(`input[name="${name}"]:checked`)?.value ?? '';
      chosen[name] = value;
      if (value) {
        query.set(name, value);
      }
    }

    let shown = 0;
    for (const session of sessions) {
      const visible = Object.entries(attributes).every(([name, attribute]) => !chosen[name] || session.dataset[attribute] === chosen[name]);
      session.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    }

    for (const day of days) {
      day.hidden = !day.querySelector('.wc-session:not([hidden])');
    }

    if (announce) {
      count.textContent = shown === 0 ? count.dataset.empty : count.dataset.template.replace('{0}', shown);
    }

    const search = query.toString();
    history.replaceState(null, '', search ? `?${search}${location.hash}` : `${location.pathname}${location.hash}`);
  };

  form.addEventListener('change', () => update(true));
  form.addEventListener('reset', () => setTimeout(() => update(true)));
  update(params.toString().length > 0);
})();

// Live seats: the registration block of a session page (and the form's choices) show the count of the
// moment, from the registration API. Without JavaScript, or if the API does not answer, the state written
// when the site was built stays.
(() => {
  const blocks = [...document.querySelectorAll('.wc-registration[data-session]')];
  const choices = [...document.querySelectorAll('.wc-registration-form input[name="sessions"]')];
  if (blocks.length === 0 && choices.length === 0) {
    return;
  }

  const fr = document.documentElement.lang !== 'en';
  const plural = new Intl.PluralRules(fr ? 'fr' : 'en');
  // After the offer cutoff a freed seat is no longer offered to the waiting list: it waits for whoever comes,
  // and the count says so, so that people know it is worth coming. The words are the page's (data-at-the-door-*
  // on the block, or on the form for its choices).
  const describe = (s, words) => {
    if (s.atTheDoor && s.remaining > 0 && s.state !== 'closed') {
      const template = plural.select(s.remaining) === 'one' ? words.dataset.atTheDoorOne : words.dataset.atTheDoorOther;
      if (template) {
        return template.replace('{0}', s.remaining);
      }
    }

    switch (s.state) {
      case 'open':
        return fr ? `${s.remaining} place${s.remaining > 1 ? 's' : ''} restante${s.remaining > 1 ? 's' : ''} sur ${s.capacity}` : `${s.remaining} of ${s.capacity} seat${s.capacity > 1 ? 's' : ''} left`;
      case 'waitlist':
        return fr ? `Complet\u00a0: liste d’attente ouverte (${s.waitlisted} personne${s.waitlisted > 1 ? 's' : ''} en attente)` : `Full: waiting list open (${s.waitlisted} waiting)`;
      case 'full':
        return fr ? 'Complet' : 'Full';
      case 'closed':
        return fr ? 'Inscriptions closes' : 'Registration closed';
      default:
        return null;
    }
  };

  // The visitor's own registration must show at once: ask past the browser's 5-second cache.
  fetch('/api/sessions', { headers: { Accept: 'application/json' }, cache: 'no-cache' })
    // An error's body is cancelled, not left unread: an unread body keeps the request (and the page's load) open.
    .then((response) => (response.ok ? response.json() : response.body?.cancel().then(() => Promise.reject(response.status)) ?? Promise.reject(response.status)))
    .then((data) => {
      const byId = new Map(data.sessions.map((s) => [s.id, s]));
      for (const block of blocks) {
        const s = byId.get(block.dataset.session);
        const live = block.querySelector('.wc-live');
        const text = s && describe(s, block);
        if (live && text) {
          live.textContent = text;
          block.dataset.live = s.state;
        }
      }

      for (const input of choices) {
        const s = byId.get(input.value);
        const hint = document.getElementById(`${input.id}-aide`);
        const text = s && describe(s, input.form);
        if (hint && text) {
          let live = hint.querySelector('.wc-live');
          if (!live) {
            live = document.createElement('span');
            live.className = 'wc-live';
            hint.append(live);
          }

          live.textContent = ` · ${text}`;
          if (s.state === 'closed' || s.state === 'full') {
            input.disabled = !input.checked;
          }
        }
      }
    })
    .catch(() => { /* the static state stays */ });
})();

// The registration form: the session asked for is ticked, overlaps are flagged as they are ticked, and the
// API's answer is shown in place (errors next to their fields) instead of on a separate page.
(() => {
  const form = document.getElementById('formulaire-inscription');
  if (!form) {
    return;
  }

  const fr = form.dataset.lang !== 'en';
  // French puts a no-break space before the colon.
  const colon = fr ? '\u00a0: ' : ': ';
  const summary = document.getElementById('erreurs');
  const boxes = [...form.querySelectorAll('input[name="sessions"]')];
  const labelOf = (input) => (input ? form.querySelector(`label[for="${input.id}"]`).firstChild.textContent.trim() : '');
  form.noValidate = true;

  const wanted = new URLSearchParams(location.search).get('session');
  const preset = wanted && boxes.find((b) => b.value === wanted && !b.disabled);
  if (preset) {
    preset.checked = true;
  }

  const sessionsMessages = document.getElementById('sessions-messages');
  const flagOverlaps = () => {
    const ticked = boxes.filter((b) => b.checked);
    const clashes = [];
    ticked.forEach((a, i) => ticked.slice(i + 1).forEach((b) => {
      if (a.dataset.start < b.dataset.end && b.dataset.start < a.dataset.end) {
        clashes.push(fr ? `«\u00a0${labelOf(a)}\u00a0» et «\u00a0${labelOf(b)}\u00a0» ont lieu en même temps\u00a0: une seule pourra être confirmée.` : `“${labelOf(a)}” and “${labelOf(b)}” take place at the same time: only one can be confirmed.`);
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

  const labels = {
    sessions: fr ? 'Séances' : 'Sessions',
    firstName: fr ? 'Prénom' : 'First name',
    lastName: fr ? 'Nom' : 'Last name',
    email: fr ? 'Adresse électronique' : 'Email address',
    organisation: 'Organisation',
    acceptPrivacy: fr ? 'Données personnelles' : 'Personal data',
  };

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
          link.textContent = `${labels[field] ?? field}${colon}${text}`;
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

  // A moment of the API (ISO 8601 with its offset) as the site writes times, in Paris time: 10 h 30 / 10:30,
  // with the day after it when it is not today (« jusqu’à 9 h 40 le 8 février », "until 09:40 on 8 February").
  const paris = (options) => new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', ...options });
  const clock = (iso) => {
    const moment = new Date(iso);
    if (Number.isNaN(moment.getTime())) {
      return iso;
    }

    const parts = Object.fromEntries(paris({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment).map((p) => [p.type, p.value]));
    const hour = String(Number(parts.hour));
    const time = fr ? (parts.minute === '00' ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${parts.minute}`) : `${parts.hour}:${parts.minute}`;
    const day = paris({ day: 'numeric', month: 'long' });
    return day.format(moment) === day.format(new Date()) ? time : `${time}${fr ? ' le ' : ' on '}${day.format(moment)}`;
  };

  const reasons = {
    closed: fr ? 'inscriptions closes' : 'registration closed',
    'not-yet-open': fr ? 'inscriptions pas encore ouvertes' : 'registration not open yet',
    full: fr ? 'complet' : 'full',
    conflict: fr ? 'en même temps qu’une autre de vos séances' : 'at the same time as another of your sessions',
  };

  // What one result of the API says about its session, in the page's words (the form's data-* attributes).
  const describeResult = (r) => {
    const words = form.dataset;
    const fill = (template) => (template ?? '').replace('{0}', clock(r.holdUntil ?? r.confirmBy ?? '')).replace('{1}', r.position ?? '');
    switch (r.status) {
      case 'confirmed':
        return words.confirmed;
      case 'held':
        return fill(words.held);
      case 'waitlisted':
        return fill(r.confirmBy ? words.waitlistedConfirm : words.waitlisted);
      case 'registered':
        return words.registered;
      case 'rejected':
        return reasons[r.reason] ?? r.reason;
      default:
        return r.status;
    }
  };

  const resultLines = (results) => results.map((r) => ['', `${labelOf(boxes.find((b) => b.value === r.session)) || r.session}${colon}${describeResult(r)}`]);

  // The answer when nothing new was made for this address: every session was already its own. The answer says
  // no more (the address's owner gets their links by e-mail), so there is no booking page to go to.
  const showAlreadyRegistered = (results) => {
    const alert = document.createElement('div');
    alert.className = 'fr-alert fr-alert--info fr-mb-4w';
    const heading = document.createElement('h2');
    heading.className = 'fr-alert__title';
    heading.textContent = form.dataset.registeredTitle;
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

  const showFieldError = (field, messages) => {
    const group = document.getElementById(`${field}-groupe`) ?? (field === 'sessions' ? document.getElementById('sessions') : null);
    const holder = document.getElementById(`${field}-messages`);
    if (group) {
      group.classList.add(field === 'sessions' ? 'fr-fieldset--error' : field === 'acceptPrivacy' ? 'fr-checkbox-group--error' : 'fr-input-group--error');
    }

    const input = document.getElementById(field);
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
  const keyField = Object.assign(document.createElement('input'), { type: 'hidden', name: 'idempotencyKey' });
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
    const data = new FormData(form);
    const body = {
      sessions: data.getAll('sessions'),
      firstName: data.get('firstName') ?? '',
      lastName: data.get('lastName') ?? '',
      email: data.get('email') ?? '',
      organisation: data.get('organisation') ?? '',
      lang: data.get('lang') ?? 'fr',
      acceptWaitlist: data.get('acceptWaitlist') === 'true',
      acceptPrivacy: data.get('acceptPrivacy') === 'true',
      website: data.get('website') ?? '',
    };
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
      location.assign(`/api/registrations/${encodeURIComponent(answer.manageToken)}/page?lang=${body.lang}&new=1${rejected ? `&rejected=${encodeURIComponent(rejected)}` : ''}`);
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
      showSummary(answer.title, resultLines(answer.results).map(([, text]) => ['sessions', text]));
      return;
    }

    showSummary(answer.title ?? (fr ? 'L’inscription n’a pas pu être envoyée' : 'The registration could not be sent'), answer.detail ? [['', answer.detail]] : []);
  });
})();

// The newsletter form: subscribes in place; without JavaScript it posts and lands on a thank-you page.
(() => {
  for (const form of document.querySelectorAll('form.wc-newsletter')) {
    form.noValidate = true;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const messages = form.querySelector('.fr-messages-group');
      const group = form.querySelector('.fr-input-group');
      messages.replaceChildren();
      group.classList.remove('fr-input-group--error');
      const say = (text, kind) => {
        const p = document.createElement('p');
        p.className = `fr-message fr-message--${kind}`;
        p.textContent = text;
        messages.append(p);
      };

      try {
        const response = await fetch(form.action, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ email: data.get('email') ?? '', lang: data.get('lang') ?? 'fr', acceptPrivacy: data.get('acceptPrivacy') === 'true', website: data.get('website') ?? '' }),
        });
        if (response.status === 202) {
          say(form.dataset.done, 'valid');
          form.reset();
          return;
        }

        const problem = await response.json().catch(() => ({}));
        group.classList.add('fr-input-group--error');
        for (const text of Object.values(problem.errors ?? {}).flat()) {
          say(text, 'error');
        }

        if (!problem.errors) {
          say(problem.detail ?? problem.title ?? String(response.status), 'error');
        }
      } catch {
        HTMLFormElement.prototype.submit.call(form);
      }
    });
  }
})();

// "Find my registrations": asks in place and says the same whatever the address (the API answers 202 to
// every well-formed request, so the page cannot tell who is registered); without JavaScript the form posts
// and lands on the thanks page. The words are the form's data-* attributes.
(() => {
  const form = document.getElementById('formulaire-retrouver');
  if (!form) {
    return;
  }

  form.noValidate = true;
  const result = document.getElementById('retrouver-resultat');
  const summary = document.getElementById('erreurs');
  const group = document.getElementById('email-groupe');
  const input = document.getElementById('email');
  const messages = document.getElementById('email-messages');
  const button = form.querySelector('button[type="submit"]');

  const say = (text, kind) => {
    const alert = document.createElement('div');
    alert.className = `fr-alert fr-alert--${kind} fr-alert--sm`;
    const p = document.createElement('p');
    p.textContent = text;
    alert.append(p);
    return alert;
  };

  const clear = () => {
    group.classList.remove('fr-input-group--error');
    input.classList.remove('fr-input--error');
    input.removeAttribute('aria-invalid');
    messages.replaceChildren();
    result.replaceChildren();
    summary.hidden = true;
    summary.replaceChildren();
  };

  const fail = (text) => {
    summary.replaceChildren(say(text, 'error'));
    summary.hidden = false;
    summary.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    const data = new FormData(form);
    button.disabled = true;
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: data.get('email') ?? '', lang: data.get('lang') ?? 'fr', website: data.get('website') ?? '' }),
      });
    } catch {
      // The API could not be reached from here: the plain form post still can.
      button.disabled = false;
      HTMLFormElement.prototype.submit.call(form);
      return;
    }

    button.disabled = false;
    if (response.status === 202 || response.status === 200) {
      response.body?.cancel();
      result.replaceChildren(say(form.dataset.sent, 'success'));
      form.reset();
      return;
    }

    const problem = await response.json().catch(() => ({}));
    if (response.status === 429) {
      fail(form.dataset.tooMany);
      return;
    }

    const fieldMessages = Object.values(problem.errors ?? {}).flat();
    if (response.status === 422 && fieldMessages.length > 0) {
      group.classList.add('fr-input-group--error');
      input.classList.add('fr-input--error');
      input.setAttribute('aria-invalid', 'true');
      for (const text of fieldMessages) {
        const p = document.createElement('p');
        p.className = 'fr-message fr-message--error';
        p.textContent = text;
        messages.append(p);
      }

      input.focus();
      return;
    }

    fail(problem.detail ?? problem.title ?? form.dataset.failed);
  });
})();
