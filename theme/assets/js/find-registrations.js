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
  const input = form.querySelector('input[type="email"]');
  const group = input.closest('.fr-input-group');
  const messages = document.getElementById(input.getAttribute('aria-describedby'));
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
    button.disabled = true;
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(answersOf(form)),
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
