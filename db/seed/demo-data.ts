// Word lists for the demo seed (db/seed/demo.ts). Plain data; all addresses are under
// the reserved example.* domains and phone numbers are in fictional or reserved ranges.

/** Arabic names: [Arabic script, Latin transliteration]. */
export const ARABIC_FIRST: [string, string][] = [
  ["محمد", "Mohammed"], ["أحمد", "Ahmed"], ["عمر", "Omar"], ["خالد", "Khaled"], ["يوسف", "Youssef"],
  ["علي", "Ali"], ["حسن", "Hassan"], ["إبراهيم", "Ibrahim"], ["فاطمة", "Fatima"], ["مريم", "Maryam"],
  ["نور", "Nour"], ["ليلى", "Layla"], ["سارة", "Sara"], ["هدى", "Huda"], ["ريم", "Reem"],
  ["سلمى", "Salma"], ["عائشة", "Aisha"], ["زينب", "Zainab"], ["طارق", "Tariq"], ["كريم", "Karim"],
];
export const ARABIC_LAST: [string, string][] = [
  ["العتيبي", "Al-Otaibi"], ["الحربي", "Al-Harbi"], ["حداد", "Haddad"], ["منصور", "Mansour"],
  ["الشمري", "Al-Shammari"], ["القحطاني", "Al-Qahtani"], ["سليمان", "Suleiman"], ["الخطيب", "Al-Khatib"],
  ["ناصر", "Nasser"], ["عبدالله", "Abdullah"], ["الزهراني", "Al-Zahrani"], ["الفارس", "Al-Fares"],
  ["جابر", "Jaber"], ["السيد", "El-Sayed"],
];
export const ENGLISH_FIRST = [
  "James", "Emma", "Oliver", "Sophia", "Liam", "Ava", "Noah", "Mia", "Ethan", "Isabella",
  "Lucas", "Charlotte", "Henry", "Amelia", "Jack", "Grace", "Daniel", "Chloe", "Samuel", "Ella",
];
export const ENGLISH_LAST = [
  "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
  "Wright", "Clarke", "Hughes", "Green", "Hall", "Wood", "Baker", "Carter", "Mitchell", "Turner",
];
export const EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "shop.example.org"];

/** Inbound and outbound message bodies; `{first}` is the contact's first name, `{n}` a number. */
export const MESSAGES = {
  en: {
    in: [
      "Hi, I have a question about my order #{n}.",
      "Is the store open on Friday?",
      "I haven't received the confirmation email yet.",
      "Can I change my delivery address?",
      "Thanks, that worked!",
      "The app keeps logging me out.",
      "Do you offer a discount for annual plans?",
      "My card was charged twice for order #{n}.",
    ],
    out: [
      "Hi {first}, thanks for reaching out! Let me check that for you.",
      "Your order is on its way and should arrive in 2–3 days.",
      "I've updated your address. Anything else I can help with?",
      "Could you send me a screenshot of the error?",
      "Happy to help — have a great day!",
      "I've refunded the duplicate charge; you'll see it in 3–5 business days.",
    ],
  },
  ar: {
    in: [
      "مرحباً، لدي سؤال بخصوص طلبي رقم {n}.",
      "هل المتجر مفتوح يوم الجمعة؟",
      "لم تصلني رسالة التأكيد بعد.",
      "هل يمكنني تغيير عنوان التوصيل؟",
      "شكراً، تم حل المشكلة!",
      "التطبيق يسجل خروجي باستمرار.",
      "تم خصم المبلغ مرتين من بطاقتي للطلب رقم {n}.",
    ],
    out: [
      "أهلاً {first}، شكراً لتواصلك معنا! سأتحقق من ذلك الآن.",
      "طلبك في الطريق وسيصل خلال يومين إلى ثلاثة أيام.",
      "تم تحديث عنوانك. هل هناك شيء آخر يمكنني مساعدتك به؟",
      "هل يمكنك إرسال لقطة شاشة للخطأ؟",
      "سعدنا بخدمتك، يومك سعيد!",
      "تمت إعادة المبلغ المخصوم مرتين، وسيظهر خلال ٣ إلى ٥ أيام عمل.",
    ],
  },
};

export const SNIPPETS: Record<"support" | "sales", { name: string; body: string }[]> = {
  support: [
    { name: "Greeting", body: "Hi there! Thanks for contacting Acme support. How can I help you today?" },
    { name: "ترحيب", body: "مرحباً بك! شكراً لتواصلك مع دعم أكمي. كيف يمكنني مساعدتك اليوم؟" },
    { name: "Shipping times", body: "Orders ship within 1 business day and usually arrive in 2–3 days." },
    { name: "مواعيد العمل", body: "فريق الدعم متاح من الأحد إلى الخميس، من ٩ صباحاً حتى ٦ مساءً." },
    { name: "Closing", body: "Glad I could help! If anything else comes up, just reply to this message." },
  ],
  sales: [
    { name: "Pricing", body: "Our Team plan is $12 per seat per month, billed annually. Business adds SSO and audit exports." },
    { name: "Demo booking", body: "I'd love to show you around — pick a time that suits you and I'll send an invite." },
    { name: "عرض سعر", body: "شكراً لاهتمامك! سأرسل لك عرض السعر بالتفصيل خلال يوم عمل واحد." },
    { name: "Follow-up", body: "Just checking in: did you have a chance to look at the proposal?" },
    { name: "شكراً", body: "شكراً لاختيارك أكمي، يسعدنا العمل معك." },
  ],
};
