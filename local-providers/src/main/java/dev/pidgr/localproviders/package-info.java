/**
 * Local servers that answer as the push providers document: APNs ({@code apns}), FCM HTTP v1 with Google's OAuth
 * token endpoint ({@code fcm}) and a Web Push service with a browser's decrypting side ({@code webpush}). Each
 * starts on a free port, checks the credentials a real provider checks, records what it received and answers as
 * told (accept, or a refusal in the provider's own words). For tests, benchmarks and local development; never part
 * of the pidgr executable.
 */
package dev.pidgr.localproviders;
