// Reveals follow-up questions in place. The server decides what is shown:
// on every change the form's answers are sent to the page's reveal address,
// which answers with the ids of the items those answers show. Follow-ups
// are drawn hidden with their controls disabled, so without this script a
// page works as before: the server shows the page again with them.

const form = document.querySelector('form[data-reveal]')
const status = document.getElementById('reveal-status')

if (form && form.dataset.reveal) {
  let timer = 0
  let asked = 0
  const refresh = async () => {
    const mine = ++asked
    const body = new URLSearchParams(new FormData(form))
    let res
    try {
      res = await fetch(form.dataset.reveal, {
        method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
    } catch {
      return // offline: the server asks any follow-up when the page is saved
    }
    if (!res.ok || mine !== asked) return
    const { shown } = await res.json()
    apply(new Set(shown))
  }
  const soon = (delay) => {
    clearTimeout(timer)
    timer = setTimeout(refresh, delay)
  }
  form.addEventListener('change', () => soon(0))
  form.addEventListener('input', (e) => {
    if (e.target.matches('input[type="text"], textarea')) soon(400)
  })
}

// apply shows exactly the items in shown, enables the controls of what is
// shown and disables the rest, keeps the form's list of asked items in
// step, and says what changed to screen reader users.
function apply (shown) {
  let added = 0
  let removed = 0
  for (const box of form.querySelectorAll('[data-items]')) {
    const on = box.dataset.items.split(' ').some((id) => shown.has(id))
    if (on === !box.hidden) continue
    box.hidden = !on
    if (box.classList.contains('pulse-item')) on ? added++ : removed++
  }
  for (const control of form.querySelectorAll('input:not([type="hidden"]), textarea')) {
    control.disabled = control.closest('[data-items][hidden]') !== null
  }
  for (const input of form.querySelectorAll('input[type="hidden"][name="shown"]')) input.remove()
  for (const id of shown) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = 'shown'
    input.value = id
    form.prepend(input)
  }
  announce(added, removed)
}

function announce (added, removed) {
  if (!status || (added === 0 && removed === 0)) return
  if (added === 1) status.textContent = status.dataset.addedOne
  else if (added > 1) status.textContent = status.dataset.addedMany.replace('%d', String(added))
  else status.textContent = status.dataset.removed
}
