// Strings of a personal invitation on the join page.

import { registerStrings } from "../shared/i18n";

registerStrings("en", {
  "invitation.heading": "Invitation for {name}",
  "invitation.as": "You are invited for {organisation} to {series}.",
  "invitation.will_you": "Will you come?",
  "invitation.answer.yes": "Yes",
  "invitation.answer.maybe": "Maybe",
  "invitation.answer.no": "No",
  "invitation.answered": "Your answer: {answer}. You can change it here.",
  "invitation.not_answered": "You have not answered yet.",
  "invitation.update_heading": "Post an update to the series",
  "invitation.update": "Update",
  "invitation.update_hint": "Short news for the others before the next meeting (at most 1000 characters).",
  "invitation.update_link": "Link (optional)",
  "invitation.post_update": "Post the update",
  "invitation.update_posted": "Your update is posted.",
});

registerStrings("da", {
  "invitation.heading": "Invitation til {name}",
  "invitation.as": "Du er inviteret for {organisation} til {series}.",
  "invitation.will_you": "Kommer du?",
  "invitation.answer.yes": "Ja",
  "invitation.answer.maybe": "Måske",
  "invitation.answer.no": "Nej",
  "invitation.answered": "Dit svar: {answer}. Du kan ændre det her.",
  "invitation.not_answered": "Du har ikke svaret endnu.",
  "invitation.update_heading": "Skriv en opdatering til serien",
  "invitation.update": "Opdatering",
  "invitation.update_hint": "Kort nyt til de andre før næste møde (højst 1000 tegn).",
  "invitation.update_link": "Link (valgfrit)",
  "invitation.post_update": "Skriv opdateringen",
  "invitation.update_posted": "Din opdatering er skrevet.",
});

registerStrings("ar", {
  "invitation.heading": "دعوة إلى {name}",
  "invitation.as": "أنت مدعو ممثلًا عن {organisation} إلى {series}.",
  "invitation.will_you": "هل ستحضر؟",
  "invitation.answer.yes": "نعم",
  "invitation.answer.maybe": "ربما",
  "invitation.answer.no": "لا",
  "invitation.answered": "ردك: {answer}. يمكنك تغييره هنا.",
  "invitation.not_answered": "لم ترد بعد.",
  "invitation.update_heading": "انشر تحديثًا في السلسلة",
  "invitation.update": "تحديث",
  "invitation.update_hint": "أخبار قصيرة للآخرين قبل الاجتماع التالي (1000 حرف على الأكثر).",
  "invitation.update_link": "رابط (اختياري)",
  "invitation.post_update": "انشر التحديث",
  "invitation.update_posted": "نُشر تحديثك.",
});
