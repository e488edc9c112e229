"""e-Kinerja GraphQL: ASN performance management for Kementerian Agama."""
