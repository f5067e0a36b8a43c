/** Masks for personal data shown outside the service that holds it: enough to recognise, not to use. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // A mobile number (11 digits and more) keeps its first three and last four, with at least four hidden;
  // a shorter landline keeps only its last two, or it would be nearly whole.
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length >= 6) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return '*';
  return characters[0] + '*'.repeat(characters.length - 1);
}
