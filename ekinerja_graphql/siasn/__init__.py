"""SIASN (BKN) web service: the client the workers use, and a simulator of its contract
(spec/siasn-api.md). The client knows only the contract; pointing it at BKN is a matter of
base URLs and credentials in the settings."""
