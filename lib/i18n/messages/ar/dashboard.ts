import type dashboard from "../en/dashboard";

export default {
  title: "لوحة المعلومات",
  lead: "ما يحدث الآن في {workspace}.",
  openConversations: "المحادثات المفتوحة",
  openConversationsHint:
    "{count, plural, =0 {لا شيء بانتظار الرد} one {محادثة واحدة بانتظار الرد} two {محادثتان بانتظار الرد} few {# محادثات بانتظار الرد} many {# محادثة بانتظار الرد} other {# محادثة بانتظار الرد}}",
  unassignedContacts: "جهات اتصال غير مسندة",
  unassignedContactsHint:
    "{count, plural, =0 {كل جهات الاتصال مسندة إلى أحد} one {جهة اتصال واحدة غير مسندة} two {جهتا اتصال غير مسندتين} few {# جهات اتصال غير مسندة} many {# جهة اتصال غير مسندة} other {# جهة اتصال غير مسندة}}",
  membersOnline: "الأعضاء المتصلون",
  membersOnlineHint:
    "{count, plural, =0 {لا أحد يفتح التطبيق الآن} one {عضو واحد يفتح التطبيق} two {عضوان يفتحان التطبيق} few {# أعضاء يفتحون التطبيق} many {# عضوًا يفتحون التطبيق} other {# عضو يفتحون التطبيق}}",
} satisfies typeof dashboard;
