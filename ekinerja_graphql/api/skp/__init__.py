"""SKP: Skp, its RHK tree (pohon kinerja), indicators, realisasi and BerAKHLAK perilaku."""
