// DPP Mint console: the little behaviour htmx does not give.
// Forms marked data-once disable their submit buttons once submitted: the server's
// idempotency key makes a second submission harmless, this just saves the round trip.
document.addEventListener("submit", (event) => {
	const form = event.target;
	if (form.matches("form[data-once]")) {
		if (form.dataset.submitted === "true") {
			event.preventDefault();
			return;
		}
		form.dataset.submitted = "true";
		form.querySelectorAll("button[type=submit]").forEach((button) => button.setAttribute("aria-busy", "true"));
	}
});
// Escape closes the token preview panel.
document.addEventListener("keydown", (event) => {
	const preview = document.getElementById("preview");
	if (event.key === "Escape" && preview && preview.innerHTML.trim() !== "") {
		preview.innerHTML = "";
	}
});
