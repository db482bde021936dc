// A form's answers as the API reads them in JSON, under the names the form gives its fields: a checkbox whose
// value is "true" is a yes or a no, the checkboxes of any other name make a list (the sessions), and every
// other field is text. The field left out is the idempotency key, which the JSON request sends as a header.
const answersOf = (form, leftOut) => {
  const data = new FormData(form);
  const answers = {};
  for (const { name, type, value, localName } of form.elements) {
    if (name && name !== leftOut && localName !== 'button' && !(name in answers)) {
      answers[name] = type !== 'checkbox' ? data.get(name) ?? '' : value === 'true' ? data.get(name) === 'true' : data.getAll(name);
    }
  }

  return answers;
};
