// "My data" and the retention notice, in English, Danish and Arabic.

import { registerStrings } from "../shared/i18n";

registerStrings("en", {
  "privacy.heading": "My data",
  "privacy.banned_heading": "Removed from the meeting",
  "privacy.lift_ban": "Let back in",
  "privacy.retention": "Names, organisations, chat, questions and answers of this meeting are deleted {days} days after it ends.",
  "privacy.show_consent": "My consent record",
  "privacy.download": "Download my data",
  "privacy.erase": "Erase my data",
  "privacy.erase_confirm": "Erase your name and everything you wrote in this meeting? Your link stops working. This cannot be undone.",
  "privacy.erased": "Your data in this meeting have been erased.",
  "privacy.answer.record": "You agreed to recording on {at}.",
  "privacy.answer.share": "You agreed to sharing the recording on {at}.",
  "privacy.no_answers": "You have not agreed to any recording.",
  "privacy.answers_erased": "The meeting is private: nobody's answers about recording are kept.",
  "privacy.withdraw_hint": "You can withdraw your consent at any time in the Recording panel.",
  "error.banned": "You were removed from this meeting. A moderator can let you back in.",
  "error.last_moderator": "You are the meeting's last moderator: add another moderator before you erase your data.",
  "privacy.decision_due": "The meeting has ended and its recording awaits a decision. Ask everyone who was there whether it may be shared; without a decision it is deleted on {date}.",
});

registerStrings("da", {
  "privacy.heading": "Mine data",
  "privacy.banned_heading": "Fjernet fra mødet",
  "privacy.lift_ban": "Luk ind igen",
  "privacy.retention": "Navne, organisationer, chat, spørgsmål og svar fra dette møde slettes {days} dage efter, at det er slut.",
  "privacy.show_consent": "Mit samtykke",
  "privacy.download": "Hent mine data",
  "privacy.erase": "Slet mine data",
  "privacy.erase_confirm": "Slet dit navn og alt, hvad du har skrevet i dette møde? Dit link holder op med at virke. Det kan ikke fortrydes.",
  "privacy.erased": "Dine data i dette møde er slettet.",
  "privacy.answer.record": "Du sagde ja til optagelse {at}.",
  "privacy.answer.share": "Du sagde ja til at dele optagelsen {at}.",
  "privacy.no_answers": "Du har ikke sagt ja til nogen optagelse.",
  "privacy.answers_erased": "Mødet er privat: ingens svar om optagelse gemmes.",
  "privacy.withdraw_hint": "Du kan til enhver tid trække dit samtykke tilbage i panelet Optagelse.",
  "error.banned": "Du er fjernet fra dette møde. En ordstyrer kan lukke dig ind igen.",
  "error.last_moderator": "Du er mødets sidste ordstyrer: tilføj en anden ordstyrer, før du sletter dine data.",
  "privacy.decision_due": "Mødet er slut, og optagelsen venter på en beslutning. Spørg alle, der var med, om den må deles; uden en beslutning slettes den {date}.",
});

registerStrings("ar", {
  "privacy.heading": "بياناتي",
  "privacy.banned_heading": "أُزيلوا من الاجتماع",
  "privacy.lift_ban": "السماح بالعودة",
  "privacy.retention": "تُحذف الأسماء والجهات والمحادثة والأسئلة والإجابات في هذا الاجتماع بعد {days} يومًا من انتهائه.",
  "privacy.show_consent": "سجل موافقتي",
  "privacy.download": "تنزيل بياناتي",
  "privacy.erase": "محو بياناتي",
  "privacy.erase_confirm": "هل تريد محو اسمك وكل ما كتبته في هذا الاجتماع؟ سيتوقف رابطك عن العمل. لا يمكن التراجع عن ذلك.",
  "privacy.erased": "مُحيت بياناتك في هذا الاجتماع.",
  "privacy.answer.record": "وافقت على التسجيل في {at}.",
  "privacy.answer.share": "وافقت على مشاركة التسجيل في {at}.",
  "privacy.no_answers": "لم توافق على أي تسجيل.",
  "privacy.answers_erased": "الاجتماع خاص: لا تُحفظ إجابة أحد عن التسجيل.",
  "privacy.withdraw_hint": "يمكنك سحب موافقتك في أي وقت من لوحة التسجيل.",
  "error.banned": "أُزلت من هذا الاجتماع. يمكن لمدير الجلسة أن يسمح لك بالعودة.",
  "error.last_moderator": "أنت آخر مدير جلسة لهذا الاجتماع: أضف مدير جلسة آخر قبل أن تمحو بياناتك.",
  "privacy.decision_due": "انتهى الاجتماع والتسجيل ينتظر قرارًا. اسأل كل من حضر هل يمكن مشاركته؛ إن لم يُتخذ قرار فسيُحذف في {date}.",
});
