import type onboarding from "../en/onboarding";

export default {
  metaTitle: "إعداد Switchboard",
  title: "أنشئ مساحة العمل الخاصة بك",
  lead: "تضم مؤسستك مساحات العمل والأشخاص والفوترة. مساحة العمل هي المكان الذي يرد فيه فريقك على العملاء. يمكنك إضافة مساحات عمل أخرى لاحقًا.",
  signedInAs: "تم تسجيل الدخول باسم {email}",
  organizationName: "اسم المؤسسة",
  organizationHint: "عادةً ما يكون اسم شركتك.",
  organizationPlaceholder: "شركة أكمي",
  workspaceName: "اسم مساحة العمل",
  workspaceHint: "مثل فريق أو علامة تجارية: الدعم، المبيعات…",
  workspacePlaceholder: "الدعم",
  roleNote: "ستكون مالك مساحة العمل هذه ومسؤولًا عن المؤسسة.",
  submit: "إنشاء مساحة العمل",
  submitting: "جارٍ الإنشاء…",
  alreadyMember: "أنت عضو في مساحة عمل بالفعل. جارٍ فتحها…",
  signOut: "استخدام حساب آخر",
} satisfies typeof onboarding;
