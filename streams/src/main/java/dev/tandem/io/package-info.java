/**
 * io: reading the files users hand to commands, with errors that name the file and the problem in
 * one line.
 */
package dev.tandem.io;
