// Display settings: light, dark or the system's choice, remembered under the DSFR's own key. The head's
// inline script applies the remembered choice before the page is painted.
(() => {
  const root = document.documentElement;
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
