// Starts the NHS design system's scripts (radios, checkboxes, character
// count, error summary focus…). A file rather than an inline script, so the
// Content-Security-Policy needs no nonce. Pages work without it.
import { initAll } from './vendor/nhsuk-frontend/nhsuk-frontend.min.js'
import './reveal.mjs'

initAll()

// nhsuk-frontend marks a radio that reveals a "please specify" box with
// aria-expanded, which ARIA does not allow on a radio (axe-core rule
// aria-allowed-attr). The box comes straight after its radio in the page,
// as GOV.UK recommends for conditional reveals, so the attribute is dropped
// whenever the library sets it.
const expanded = new MutationObserver((records) => {
  for (const r of records) r.target.removeAttribute('aria-expanded')
})
for (const radio of document.querySelectorAll('.nhsuk-radios__input[aria-controls]')) {
  radio.removeAttribute('aria-expanded')
  expanded.observe(radio, { attributes: true, attributeFilter: ['aria-expanded'] })
}

// Long lists of options are grouped under disclosures, closed so the list
// is short on a phone. Where there is room, every group is opened.
if (window.matchMedia('(min-width: 48.0625em)').matches) {
  for (const group of document.querySelectorAll('details.pulse-option-group')) group.open = true
}
