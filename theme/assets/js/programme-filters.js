// Programme filters: CSS already hides what the radio buttons exclude; this keeps the choice in the address
// bar (so a filtered programme can be shared), says how many sessions are shown, and hides empty days.
(() => {
  const form = document.getElementById('filtres');
  if (!form) {
    return;
  }

  // Each filter's address parameter (its radio buttons' name) and the card attribute it matches, from the page.
  const attributes = Object.fromEntries([...form.querySelectorAll('fieldset[data-matches]')]
    .map((fieldset) => [fieldset.querySelector('input[type=radio]').name, fieldset.dataset.matches]));
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
