// Strings of the participant page added since the core catalogues (en.ts, da.ts, ar.ts).

import { registerStrings } from "../shared/i18n";

registerStrings("en", { "hand.add_note": "Add a note", "hand.hide_note": "No note" });
registerStrings("da", { "hand.add_note": "Tilføj en note", "hand.hide_note": "Ingen note" });
registerStrings("ar", { "hand.add_note": "أضف ملاحظة", "hand.hide_note": "دون ملاحظة" });
