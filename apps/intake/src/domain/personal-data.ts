/**
 * Personal data of a requester in the form its lookups compare: the same phone written as "+86 138-1234-5678" or
 * "13812345678", or the same ID number with a lower-case check letter, is the same person.
 */
export function normalisedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // China's country code, written as +86 or 0086 before a mobile or an area code.
  const national = digits.replace(/^(0086|86)(?=\d{9,11}$)/, '');
  return national;
}

export function normalisedIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** GB 11643: 17 digits and a check character (a digit or X) over their weighted sum. */
export function isResidentIdNumber(idNumber: string): boolean {
  const value = normalisedIdNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return '10X98765432'[sum % 11] === value[17];
}
