// The newsletter form: subscribes in place; without JavaScript it posts and lands on a thank-you page.
(() => {
  for (const form of document.querySelectorAll('form.wc-newsletter')) {
    form.noValidate = true;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
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
          body: JSON.stringify(answersOf(form)),
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
