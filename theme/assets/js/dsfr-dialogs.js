// The DSFR behaviours the pages use: the header menu and the display settings as dialogs, and the breadcrumb
// that unfolds. The DSFR's own scripts do this and far more, but they start a loop on every animation frame
// that keeps a phone's main thread busy for half a second after each page loads; these few lines set the
// same classes and attributes, so the DSFR's stylesheet applies unchanged.
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
})();
