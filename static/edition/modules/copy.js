/* Copy buttons for the citations (templates/edition/_citation.html): progressive
   enhancement. Without JavaScript the citation is plain text to select; with it, each
   element marked data-copy="what" gets a Copy button after it, which puts the text on
   the clipboard and says so in the section's status line (read out by screen readers). */

function statusFor(element) {
  return element.closest(".cite")?.querySelector(".copy-status");
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http (a development server on another host): the older command still works there.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  const done = document.execCommand("copy");
  area.remove();
  if (!done) throw new Error("copy refused");
}

export function installCopyButtons(root = document) {
  for (const element of root.querySelectorAll("[data-copy]")) {
    if (element.nextElementSibling?.classList.contains("copy-button")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", `Copy the ${element.dataset.copy}`);
    button.addEventListener("click", async () => {
      const status = statusFor(element);
      try {
        await copyText(element.textContent.trim());
        button.textContent = "Copied";
        if (status) status.textContent = `The ${element.dataset.copy} is copied.`;
      } catch {
        if (status) status.textContent = `Copying failed: select the ${element.dataset.copy} and copy it.`;
      }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    element.after(button);
  }
}

installCopyButtons();
