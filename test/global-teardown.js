// Stops the development issuer the global setup started.
module.exports = async () => {
  await globalThis.__UGOV_DEV_ISSUER__?.stop();
};
