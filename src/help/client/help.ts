/**
 * The Help dialog in the browser: opens at the section asked for (marked), and follows the guide's
 * links to other sections inside the dialog (a dialog has no address bar to navigate).
 */
declare const BOOT: { section: string | null; contents: string };

const main = document.getElementById('guide') as HTMLElement;

function open(id: string | null): void {
  for (const old of Array.from(document.querySelectorAll('.asked'))) old.classList.remove('asked');
  const target = id ? document.getElementById(id) : null;
  if (!target) {
    main.scrollTop = 0;
    return;
  }
  target.classList.add('asked');
  main.scrollTop = target.offsetTop - main.offsetTop;
  document.body.setAttribute('data-section', id ?? '');
}

(document.getElementById('contents-title') as HTMLElement).textContent = BOOT.contents;
document.addEventListener('click', (e) => {
  const link = (e.target as HTMLElement).closest('a[data-section]');
  if (!link) return;
  e.preventDefault();
  open(link.getAttribute('data-section'));
});
open(BOOT.section);
