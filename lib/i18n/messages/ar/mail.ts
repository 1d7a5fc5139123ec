import type mail from "../en/mail";

export default {
  signin: {
    subject: "رابط تسجيل الدخول إلى سويتشبورد",
    heading: "تسجيل الدخول إلى سويتشبورد",
    body: "انقر على الزر أدناه لتسجيل الدخول باسم {email}. يعمل الرابط مرة واحدة وتنتهي صلاحيته خلال 24 ساعة.",
    button: "تسجيل الدخول",
    ignore: "إن لم تطلب ذلك، يمكنك تجاهل هذه الرسالة.",
  },
  footer: "أُرسلت من سويتشبورد.",
} satisfies typeof mail;
