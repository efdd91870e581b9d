/** Why sync cannot read or write the shop's encrypted changes on this device. */
export type EncryptionProblem = 'passphrase-needed' | 'wrong-passphrase';
