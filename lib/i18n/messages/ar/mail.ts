import type mail from "../en/mail";

export default {
  signin: {
    subject: "رابط تسجيل الدخول إلى سويتشبورد",
    heading: "تسجيل الدخول إلى سويتشبورد",
    body: "انقر على الزر أدناه لتسجيل الدخول باسم {email}. يعمل الرابط مرة واحدة وتنتهي صلاحيته خلال 24 ساعة.",
    button: "تسجيل الدخول",
    ignore: "إن لم تطلب ذلك، يمكنك تجاهل هذه الرسالة.",
  },
  invite: {
    subject: "دعاك {inviter} إلى {workspace} على سويتشبورد",
    heading: "انضم إلى {workspace} على سويتشبورد",
    body: "دعاك {inviter} إلى مساحة العمل {workspace} بصفة {role}. اتبع الرابط لقبول الدعوة؛ فهو يثبت أنك تملك صندوق البريد هذا، لذا لا حاجة إلى كلمة مرور.",
    button: "قبول الدعوة",
    expires: "يعمل الرابط مرة واحدة وتنتهي صلاحيته في {expires, date, long}.",
    ignore: "إن لم تكن تتوقع هذه الرسالة، يمكنك تجاهلها.",
  },
  accessReminder: {
    subject: "ينتهي وصول {name} إلى {workspace} في {until, date, long}",
    heading: "ينتهي الوصول إلى {workspace} قريبًا",
    body: "لدى {name} ({email}) وصول إلى مساحة العمل {workspace} حتى {until, date, long}. بعدها سيُعطَّل تلقائيًا وتُسلَّم جهات الاتصال الخاصة به كما اختير عند تحديد التاريخ.",
    button: "فتح صفحة المستخدمين",
    change: "للإبقاء على وصوله، أزِل التاريخ أو غيّره من «تعديل الوصول» قبل ذلك.",
  },
  footer: "أُرسلت من سويتشبورد.",
} satisfies typeof mail;
