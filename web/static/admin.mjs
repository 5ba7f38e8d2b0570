// The admin pages' script: the NHS design system's behaviours, and the
// dashboard updating itself in place every 30 seconds while the page is
// visible. Everything works without it: reloading shows the same.
import { initAll } from './vendor/nhsuk-frontend/nhsuk-frontend.min.js'

initAll()

const live = document.querySelector('[data-live]')
if (live) {
  const refresh = async () => {
    if (document.hidden) return
    try {
      const res = await fetch(live.dataset.live, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      if (!res.ok || res.redirected) return
      const html = await res.text()
      // Keep open breakdowns open across updates.
      const open = [...live.querySelectorAll('details[open] summary')].map((s) => s.textContent)
      live.innerHTML = html
      for (const s of live.querySelectorAll('details summary')) {
        if (open.includes(s.textContent)) s.parentElement.open = true
      }
    } catch {
      // Offline for a moment: the next round tries again.
    }
  }
  setInterval(refresh, 30000)
}
