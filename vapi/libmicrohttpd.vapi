/* libmicrohttpd.vapi - Vala bindings for the libmicrohttpd C API
 * (microhttpd-rs; written for this project, covers include/microhttpd.h 0.9.75).
 *
 * Build: valac --vapidir vapi --pkg libmicrohttpd -X -lmicrohttpd ...
 * (libmicrohttpd.deps pulls in glib-2.0; the C helpers live in
 *  mhd-vala-fdset.h which must be on the C include path: `meson install`
 *  puts it next to microhttpd.h (covered by pkg-config's Cflags) and next to
 *  the vapi; from a source tree pass -X -I<repo>/vapi).
 *
 * Memory:
 *  - MHD.Daemon: owned references are counted by the binding; the last one
 *    dropped calls MHD_stop_daemon(). `this.daemon = daemon;` works.
 *  - MHD.Response: freed with MHD_destroy_response() (MHD keeps its own
 *    reference once queued, so dropping it right after queue_response is ok).
 *  - MHD.FDSet: pointer handle to a reference-counted heap set; freed when
 *    the last Vala variable holding it goes away.
 *  - MHD.Connection, MHD.UpgradeResponseHandle, info structs: never owned.
 *  - Unowned delegate parameters (access handler, iterators, post processor,
 *    panic/accept/upgrade callbacks) keep a raw pointer to their target: the
 *    target (usually `this`) must outlive the daemon/processor.  Content
 *    reader closures (Response.from_callback) are owned by the response.
 */
[CCode (cprefix = "MHD_", lower_case_cprefix = "MHD_", cheader_filename = "microhttpd.h,mhd-vala-fdset.h")]
namespace MHD {
	/* ---------------------------------------------------------------- */
	/* Basic types                                                      */
	/* ---------------------------------------------------------------- */

	[CCode (cname = "enum MHD_Result", cprefix = "MHD_", has_type_id = false)]
	public enum Result {
		NO,
		YES
	}

	[CCode (cname = "MHD_VERSION")]
	public const uint32 VERSION;
	[CCode (cname = "MHD_INVALID_NONCE")]
	public const int INVALID_NONCE;
	[CCode (cname = "MHD_SIZE_UNKNOWN")]
	public const uint64 SIZE_UNKNOWN;
	[CCode (cname = "MHD_CONTENT_READER_END_OF_STREAM")]
	public const ssize_t CONTENT_READER_END_OF_STREAM;
	[CCode (cname = "MHD_CONTENT_READER_END_WITH_ERROR")]
	public const ssize_t CONTENT_READER_END_WITH_ERROR;
	[CCode (cname = "MHD_INVALID_SOCKET")]
	public const int INVALID_SOCKET;
	[CCode (cname = "MHD_MD5_DIGEST_SIZE")]
	public const int MD5_DIGEST_SIZE;
	[CCode (cname = "MHD_ICY_FLAG")]
	public const uint ICY_FLAG;

	/* ---------------------------------------------------------------- */
	/* Daemon flags (enum MHD_FLAG) as plain unsigned constants          */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "MHD_NO_FLAG")] public const uint NO_FLAG;
	[CCode (cname = "MHD_USE_ERROR_LOG")] public const uint USE_ERROR_LOG;
	[CCode (cname = "MHD_USE_DEBUG")] public const uint USE_DEBUG;
	[CCode (cname = "MHD_USE_TLS")] public const uint USE_TLS;
	[CCode (cname = "MHD_USE_SSL")] public const uint USE_SSL;
	[CCode (cname = "MHD_USE_THREAD_PER_CONNECTION")] public const uint USE_THREAD_PER_CONNECTION;
	[CCode (cname = "MHD_USE_INTERNAL_POLLING_THREAD")] public const uint USE_INTERNAL_POLLING_THREAD;
	[CCode (cname = "MHD_USE_SELECT_INTERNALLY")] public const uint USE_SELECT_INTERNALLY;
	[CCode (cname = "MHD_USE_IPv6")] public const uint USE_IPv6;
	[CCode (cname = "MHD_USE_IPv6")] public const uint USE_IPV6;
	[CCode (cname = "MHD_USE_PEDANTIC_CHECKS")] public const uint USE_PEDANTIC_CHECKS;
	[CCode (cname = "MHD_USE_POLL")] public const uint USE_POLL;
	[CCode (cname = "MHD_USE_POLL_INTERNAL_THREAD")] public const uint USE_POLL_INTERNAL_THREAD;
	[CCode (cname = "MHD_USE_POLL_INTERNALLY")] public const uint USE_POLL_INTERNALLY;
	[CCode (cname = "MHD_USE_SUPPRESS_DATE_NO_CLOCK")] public const uint USE_SUPPRESS_DATE_NO_CLOCK;
	[CCode (cname = "MHD_SUPPRESS_DATE_NO_CLOCK")] public const uint SUPPRESS_DATE_NO_CLOCK;
	[CCode (cname = "MHD_USE_NO_LISTEN_SOCKET")] public const uint USE_NO_LISTEN_SOCKET;
	[CCode (cname = "MHD_USE_EPOLL")] public const uint USE_EPOLL;
	[CCode (cname = "MHD_USE_EPOLL_LINUX_ONLY")] public const uint USE_EPOLL_LINUX_ONLY;
	[CCode (cname = "MHD_USE_EPOLL_INTERNAL_THREAD")] public const uint USE_EPOLL_INTERNAL_THREAD;
	[CCode (cname = "MHD_USE_EPOLL_INTERNALLY")] public const uint USE_EPOLL_INTERNALLY;
	[CCode (cname = "MHD_USE_EPOLL_INTERNALLY_LINUX_ONLY")] public const uint USE_EPOLL_INTERNALLY_LINUX_ONLY;
	[CCode (cname = "MHD_USE_ITC")] public const uint USE_ITC;
	[CCode (cname = "MHD_USE_PIPE_FOR_SHUTDOWN")] public const uint USE_PIPE_FOR_SHUTDOWN;
	[CCode (cname = "MHD_USE_DUAL_STACK")] public const uint USE_DUAL_STACK;
	[CCode (cname = "MHD_USE_TURBO")] public const uint USE_TURBO;
	[CCode (cname = "MHD_USE_EPOLL_TURBO")] public const uint USE_EPOLL_TURBO;
	[CCode (cname = "MHD_ALLOW_SUSPEND_RESUME")] public const uint ALLOW_SUSPEND_RESUME;
	[CCode (cname = "MHD_USE_SUSPEND_RESUME")] public const uint USE_SUSPEND_RESUME;
	[CCode (cname = "MHD_USE_TCP_FASTOPEN")] public const uint USE_TCP_FASTOPEN;
	[CCode (cname = "MHD_ALLOW_UPGRADE")] public const uint ALLOW_UPGRADE;
	[CCode (cname = "MHD_USE_AUTO")] public const uint USE_AUTO;
	[CCode (cname = "MHD_USE_AUTO_INTERNAL_THREAD")] public const uint USE_AUTO_INTERNAL_THREAD;
	[CCode (cname = "MHD_USE_POST_HANDSHAKE_AUTH_SUPPORT")] public const uint USE_POST_HANDSHAKE_AUTH_SUPPORT;
	[CCode (cname = "MHD_USE_INSECURE_TLS_EARLY_DATA")] public const uint USE_INSECURE_TLS_EARLY_DATA;

	/* ---------------------------------------------------------------- */
	/* Daemon options (enum MHD_OPTION): MHD.Option.X or MHD.OPTION_X    */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "enum MHD_OPTION", cprefix = "MHD_OPTION_", has_type_id = false)]
	public enum Option {
		END,
		CONNECTION_MEMORY_LIMIT,
		CONNECTION_LIMIT,
		CONNECTION_TIMEOUT,
		NOTIFY_COMPLETED,
		PER_IP_CONNECTION_LIMIT,
		SOCK_ADDR,
		URI_LOG_CALLBACK,
		HTTPS_MEM_KEY,
		HTTPS_MEM_CERT,
		HTTPS_CRED_TYPE,
		HTTPS_PRIORITIES,
		LISTEN_SOCKET,
		EXTERNAL_LOGGER,
		THREAD_POOL_SIZE,
		ARRAY,
		UNESCAPE_CALLBACK,
		DIGEST_AUTH_RANDOM,
		NONCE_NC_SIZE,
		THREAD_STACK_SIZE,
		HTTPS_MEM_TRUST,
		CONNECTION_MEMORY_INCREMENT,
		HTTPS_CERT_CALLBACK,
		TCP_FASTOPEN_QUEUE_SIZE,
		HTTPS_MEM_DHPARAMS,
		LISTENING_ADDRESS_REUSE,
		HTTPS_KEY_PASSWORD,
		NOTIFY_CONNECTION,
		LISTEN_BACKLOG_SIZE,
		STRICT_FOR_CLIENT,
		GNUTLS_PSK_CRED_HANDLER,
		HTTPS_CERT_CALLBACK2,
		SERVER_INSANITY,
		SIGPIPE_HANDLED_BY_APP,
		TLS_NO_ALPN
	}
	[CCode (cname = "MHD_OPTION_END")] public const Option OPTION_END;
	[CCode (cname = "MHD_OPTION_CONNECTION_MEMORY_LIMIT")] public const Option OPTION_CONNECTION_MEMORY_LIMIT;
	[CCode (cname = "MHD_OPTION_CONNECTION_LIMIT")] public const Option OPTION_CONNECTION_LIMIT;
	[CCode (cname = "MHD_OPTION_CONNECTION_TIMEOUT")] public const Option OPTION_CONNECTION_TIMEOUT;
	[CCode (cname = "MHD_OPTION_NOTIFY_COMPLETED")] public const Option OPTION_NOTIFY_COMPLETED;
	[CCode (cname = "MHD_OPTION_PER_IP_CONNECTION_LIMIT")] public const Option OPTION_PER_IP_CONNECTION_LIMIT;
	[CCode (cname = "MHD_OPTION_SOCK_ADDR")] public const Option OPTION_SOCK_ADDR;
	[CCode (cname = "MHD_OPTION_URI_LOG_CALLBACK")] public const Option OPTION_URI_LOG_CALLBACK;
	[CCode (cname = "MHD_OPTION_HTTPS_MEM_KEY")] public const Option OPTION_HTTPS_MEM_KEY;
	[CCode (cname = "MHD_OPTION_HTTPS_MEM_CERT")] public const Option OPTION_HTTPS_MEM_CERT;
	[CCode (cname = "MHD_OPTION_HTTPS_CRED_TYPE")] public const Option OPTION_HTTPS_CRED_TYPE;
	[CCode (cname = "MHD_OPTION_HTTPS_PRIORITIES")] public const Option OPTION_HTTPS_PRIORITIES;
	[CCode (cname = "MHD_OPTION_LISTEN_SOCKET")] public const Option OPTION_LISTEN_SOCKET;
	[CCode (cname = "MHD_OPTION_EXTERNAL_LOGGER")] public const Option OPTION_EXTERNAL_LOGGER;
	[CCode (cname = "MHD_OPTION_THREAD_POOL_SIZE")] public const Option OPTION_THREAD_POOL_SIZE;
	[CCode (cname = "MHD_OPTION_ARRAY")] public const Option OPTION_ARRAY;
	[CCode (cname = "MHD_OPTION_UNESCAPE_CALLBACK")] public const Option OPTION_UNESCAPE_CALLBACK;
	[CCode (cname = "MHD_OPTION_DIGEST_AUTH_RANDOM")] public const Option OPTION_DIGEST_AUTH_RANDOM;
	[CCode (cname = "MHD_OPTION_NONCE_NC_SIZE")] public const Option OPTION_NONCE_NC_SIZE;
	[CCode (cname = "MHD_OPTION_THREAD_STACK_SIZE")] public const Option OPTION_THREAD_STACK_SIZE;
	[CCode (cname = "MHD_OPTION_HTTPS_MEM_TRUST")] public const Option OPTION_HTTPS_MEM_TRUST;
	[CCode (cname = "MHD_OPTION_CONNECTION_MEMORY_INCREMENT")] public const Option OPTION_CONNECTION_MEMORY_INCREMENT;
	[CCode (cname = "MHD_OPTION_HTTPS_CERT_CALLBACK")] public const Option OPTION_HTTPS_CERT_CALLBACK;
	[CCode (cname = "MHD_OPTION_TCP_FASTOPEN_QUEUE_SIZE")] public const Option OPTION_TCP_FASTOPEN_QUEUE_SIZE;
	[CCode (cname = "MHD_OPTION_HTTPS_MEM_DHPARAMS")] public const Option OPTION_HTTPS_MEM_DHPARAMS;
	[CCode (cname = "MHD_OPTION_LISTENING_ADDRESS_REUSE")] public const Option OPTION_LISTENING_ADDRESS_REUSE;
	[CCode (cname = "MHD_OPTION_HTTPS_KEY_PASSWORD")] public const Option OPTION_HTTPS_KEY_PASSWORD;
	[CCode (cname = "MHD_OPTION_NOTIFY_CONNECTION")] public const Option OPTION_NOTIFY_CONNECTION;
	[CCode (cname = "MHD_OPTION_LISTEN_BACKLOG_SIZE")] public const Option OPTION_LISTEN_BACKLOG_SIZE;
	[CCode (cname = "MHD_OPTION_STRICT_FOR_CLIENT")] public const Option OPTION_STRICT_FOR_CLIENT;
	[CCode (cname = "MHD_OPTION_GNUTLS_PSK_CRED_HANDLER")] public const Option OPTION_GNUTLS_PSK_CRED_HANDLER;
	[CCode (cname = "MHD_OPTION_HTTPS_CERT_CALLBACK2")] public const Option OPTION_HTTPS_CERT_CALLBACK2;
	[CCode (cname = "MHD_OPTION_SERVER_INSANITY")] public const Option OPTION_SERVER_INSANITY;
	[CCode (cname = "MHD_OPTION_SIGPIPE_HANDLED_BY_APP")] public const Option OPTION_SIGPIPE_HANDLED_BY_APP;
	[CCode (cname = "MHD_OPTION_TLS_NO_ALPN")] public const Option OPTION_TLS_NO_ALPN;

	/** For MHD_OPTION_ARRAY. */
	[CCode (cname = "struct MHD_OptionItem", has_type_id = false)]
	public struct OptionItem {
		public Option option;
		public intptr value;
		public void* ptr_value;
	}

	[CCode (cname = "enum MHD_DisableSanityCheck", cprefix = "MHD_DSC_", has_type_id = false)]
	[Flags]
	public enum DisableSanityCheck {
		SANE
	}

	/* ---------------------------------------------------------------- */
	/* Enumerations                                                     */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "enum MHD_ValueKind", cprefix = "MHD_", has_type_id = false)]
	[Flags]
	public enum ValueKind {
		RESPONSE_HEADER_KIND,
		HEADER_KIND,
		COOKIE_KIND,
		POSTDATA_KIND,
		GET_ARGUMENT_KIND,
		FOOTER_KIND
	}
	[CCode (cname = "MHD_HEADER_KIND")] public const ValueKind HEADER_KIND;
	[CCode (cname = "MHD_COOKIE_KIND")] public const ValueKind COOKIE_KIND;
	[CCode (cname = "MHD_POSTDATA_KIND")] public const ValueKind POSTDATA_KIND;
	[CCode (cname = "MHD_GET_ARGUMENT_KIND")] public const ValueKind GET_ARGUMENT_KIND;
	[CCode (cname = "MHD_FOOTER_KIND")] public const ValueKind FOOTER_KIND;

	[CCode (cname = "enum MHD_RequestTerminationCode", cprefix = "MHD_REQUEST_TERMINATED_", has_type_id = false)]
	public enum RequestTerminationCode {
		COMPLETED_OK,
		WITH_ERROR,
		TIMEOUT_REACHED,
		DAEMON_SHUTDOWN,
		READ_ERROR,
		CLIENT_ABORT
	}

	[CCode (cname = "enum MHD_ConnectionNotificationCode", cprefix = "MHD_CONNECTION_NOTIFY_", has_type_id = false)]
	public enum ConnectionNotificationCode {
		STARTED,
		CLOSED
	}

	[CCode (cname = "enum MHD_ConnectionInfoType", cprefix = "MHD_CONNECTION_INFO_", has_type_id = false)]
	public enum ConnectionInfoType {
		CIPHER_ALGO,
		PROTOCOL,
		CLIENT_ADDRESS,
		GNUTLS_SESSION,
		GNUTLS_CLIENT_CERT,
		DAEMON,
		CONNECTION_FD,
		SOCKET_CONTEXT,
		CONNECTION_SUSPENDED,
		CONNECTION_TIMEOUT,
		REQUEST_HEADER_SIZE,
		HTTP_STATUS
	}
	[CCode (cname = "MHD_CONNECTION_INFO_CIPHER_ALGO")] public const ConnectionInfoType CONNECTION_INFO_CIPHER_ALGO;
	[CCode (cname = "MHD_CONNECTION_INFO_PROTOCOL")] public const ConnectionInfoType CONNECTION_INFO_PROTOCOL;
	[CCode (cname = "MHD_CONNECTION_INFO_CLIENT_ADDRESS")] public const ConnectionInfoType CONNECTION_INFO_CLIENT_ADDRESS;
	[CCode (cname = "MHD_CONNECTION_INFO_GNUTLS_SESSION")] public const ConnectionInfoType CONNECTION_INFO_GNUTLS_SESSION;
	[CCode (cname = "MHD_CONNECTION_INFO_GNUTLS_CLIENT_CERT")] public const ConnectionInfoType CONNECTION_INFO_GNUTLS_CLIENT_CERT;
	[CCode (cname = "MHD_CONNECTION_INFO_DAEMON")] public const ConnectionInfoType CONNECTION_INFO_DAEMON;
	[CCode (cname = "MHD_CONNECTION_INFO_CONNECTION_FD")] public const ConnectionInfoType CONNECTION_INFO_CONNECTION_FD;
	[CCode (cname = "MHD_CONNECTION_INFO_SOCKET_CONTEXT")] public const ConnectionInfoType CONNECTION_INFO_SOCKET_CONTEXT;
	[CCode (cname = "MHD_CONNECTION_INFO_CONNECTION_SUSPENDED")] public const ConnectionInfoType CONNECTION_INFO_CONNECTION_SUSPENDED;
	[CCode (cname = "MHD_CONNECTION_INFO_CONNECTION_TIMEOUT")] public const ConnectionInfoType CONNECTION_INFO_CONNECTION_TIMEOUT;
	[CCode (cname = "MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE")] public const ConnectionInfoType CONNECTION_INFO_REQUEST_HEADER_SIZE;
	[CCode (cname = "MHD_CONNECTION_INFO_HTTP_STATUS")] public const ConnectionInfoType CONNECTION_INFO_HTTP_STATUS;

	[CCode (cname = "enum MHD_DaemonInfoType", cprefix = "MHD_DAEMON_INFO_", has_type_id = false)]
	public enum DaemonInfoType {
		KEY_SIZE,
		MAC_KEY_SIZE,
		LISTEN_FD,
		EPOLL_FD_LINUX_ONLY,
		EPOLL_FD,
		CURRENT_CONNECTIONS,
		FLAGS,
		BIND_PORT
	}
	[CCode (cname = "MHD_DAEMON_INFO_KEY_SIZE")] public const DaemonInfoType DAEMON_INFO_KEY_SIZE;
	[CCode (cname = "MHD_DAEMON_INFO_MAC_KEY_SIZE")] public const DaemonInfoType DAEMON_INFO_MAC_KEY_SIZE;
	[CCode (cname = "MHD_DAEMON_INFO_LISTEN_FD")] public const DaemonInfoType DAEMON_INFO_LISTEN_FD;
	[CCode (cname = "MHD_DAEMON_INFO_EPOLL_FD_LINUX_ONLY")] public const DaemonInfoType DAEMON_INFO_EPOLL_FD_LINUX_ONLY;
	[CCode (cname = "MHD_DAEMON_INFO_EPOLL_FD")] public const DaemonInfoType DAEMON_INFO_EPOLL_FD;
	[CCode (cname = "MHD_DAEMON_INFO_CURRENT_CONNECTIONS")] public const DaemonInfoType DAEMON_INFO_CURRENT_CONNECTIONS;
	[CCode (cname = "MHD_DAEMON_INFO_FLAGS")] public const DaemonInfoType DAEMON_INFO_FLAGS;
	[CCode (cname = "MHD_DAEMON_INFO_BIND_PORT")] public const DaemonInfoType DAEMON_INFO_BIND_PORT;
	/* short spellings: MHD.get_daemon_info (d, MHD.LISTEN_FD) */
	[CCode (cname = "MHD_DAEMON_INFO_LISTEN_FD")] public const DaemonInfoType LISTEN_FD;
	[CCode (cname = "MHD_DAEMON_INFO_EPOLL_FD")] public const DaemonInfoType EPOLL_FD;
	[CCode (cname = "MHD_DAEMON_INFO_CURRENT_CONNECTIONS")] public const DaemonInfoType CURRENT_CONNECTIONS;
	[CCode (cname = "MHD_DAEMON_INFO_BIND_PORT")] public const DaemonInfoType BIND_PORT;

	[CCode (cname = "enum MHD_CONNECTION_OPTION", cprefix = "MHD_CONNECTION_OPTION_", has_type_id = false)]
	public enum ConnectionOption {
		TIMEOUT
	}
	[CCode (cname = "MHD_CONNECTION_OPTION_TIMEOUT")] public const ConnectionOption CONNECTION_OPTION_TIMEOUT;

	[CCode (cname = "enum MHD_ResponseFlags", cprefix = "MHD_RF_", has_type_id = false)]
	[Flags]
	public enum ResponseFlags {
		NONE,
		HTTP_1_0_COMPATIBLE_STRICT,
		HTTP_VERSION_1_0_ONLY,
		HTTP_1_0_SERVER,
		HTTP_VERSION_1_0_RESPONSE,
		INSANITY_HEADER_CONTENT_LENGTH,
		SEND_KEEP_ALIVE_HEADER
	}

	[CCode (cname = "enum MHD_ResponseOptions", cprefix = "MHD_RO_", has_type_id = false)]
	public enum ResponseOptions {
		END
	}

	[CCode (cname = "enum MHD_ResponseMemoryMode", cprefix = "MHD_RESPMEM_", has_type_id = false)]
	public enum ResponseMemoryMode {
		PERSISTENT,
		MUST_FREE,
		MUST_COPY
	}
	[CCode (cname = "MHD_RESPMEM_PERSISTENT")] public const ResponseMemoryMode RESPMEM_PERSISTENT;
	[CCode (cname = "MHD_RESPMEM_MUST_FREE")] public const ResponseMemoryMode RESPMEM_MUST_FREE;
	[CCode (cname = "MHD_RESPMEM_MUST_COPY")] public const ResponseMemoryMode RESPMEM_MUST_COPY;

	[CCode (cname = "enum MHD_UpgradeAction", cprefix = "MHD_UPGRADE_ACTION_", has_type_id = false)]
	public enum UpgradeAction {
		CLOSE,
		CORK_ON,
		CORK_OFF
	}

	[CCode (cname = "enum MHD_DigestAuthAlgorithm", cprefix = "MHD_DIGEST_ALG_", has_type_id = false)]
	public enum DigestAuthAlgorithm {
		AUTO,
		MD5,
		SHA256
	}

	[CCode (cname = "enum MHD_FEATURE", cprefix = "MHD_FEATURE_", has_type_id = false)]
	public enum Feature {
		MESSAGES,
		TLS,
		SSL,
		HTTPS_CERT_CALLBACK,
		IPv6,
		IPv6_ONLY,
		POLL,
		EPOLL,
		SHUTDOWN_LISTEN_SOCKET,
		SOCKETPAIR,
		TCP_FASTOPEN,
		BASIC_AUTH,
		DIGEST_AUTH,
		POSTPROCESSOR,
		HTTPS_KEY_PASSWORD,
		LARGE_FILE,
		THREAD_NAMES,
		UPGRADE,
		RESPONSES_SHARED_FD,
		AUTODETECT_BIND_PORT,
		AUTOSUPPRESS_SIGPIPE,
		SENDFILE,
		THREADS,
		HTTPS_CERT_CALLBACK2
	}

	/* ---------------------------------------------------------------- */
	/* Callbacks (the C "cls" argument is the Vala delegate target)     */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "MHD_PanicCallback", instance_pos = 0)]
	public delegate void PanicCallback (string file, uint line, string? reason);

	[CCode (cname = "MHD_AcceptPolicyCallback", instance_pos = 0)]
	public delegate Result AcceptPolicyCallback ([CCode (type = "const struct sockaddr *")] void* addr,
	                                             [CCode (type = "socklen_t")] uint32 addrlen);

	/**
	 * upload_data is NOT NUL terminated: use upload_data[0:*upload_data_size].
	 * Set *upload_data_size = 0 once the data is consumed.
	 */
	[CCode (cname = "MHD_AccessHandlerCallback", instance_pos = 0)]
	public delegate Result AccessHandlerCallback (Connection connection,
	                                              string url,
	                                              string method,
	                                              string version,
	                                              [CCode (array_length = false, type = "const char *")] uint8[]? upload_data,
	                                              size_t* upload_data_size,
	                                              void** con_cls);

	[CCode (cname = "MHD_RequestCompletedCallback", instance_pos = 0)]
	public delegate void RequestCompletedCallback (Connection connection,
	                                               void** con_cls,
	                                               RequestTerminationCode toe);

	[CCode (cname = "MHD_NotifyConnectionCallback", instance_pos = 0)]
	public delegate void NotifyConnectionCallback (Connection connection,
	                                               void** socket_context,
	                                               ConnectionNotificationCode toe);

	[CCode (cname = "MHD_KeyValueIterator", instance_pos = 0)]
	public delegate Result KeyValueIterator (ValueKind kind, string key, string? value);

	[CCode (cname = "MHD_KeyValueIteratorN", instance_pos = 0)]
	public delegate Result KeyValueIteratorN (ValueKind kind,
	                                          [CCode (array_length = false, type = "const char *")] uint8[] key, size_t key_size,
	                                          [CCode (array_length = false, type = "const char *")] uint8[]? value, size_t value_size);

	/**
	 * Copy at most buf.length bytes into buf and return how many were
	 * written; 0 = nothing now (only with suspend or external polling),
	 * CONTENT_READER_END_OF_STREAM, CONTENT_READER_END_WITH_ERROR.
	 */
	[CCode (cname = "MHD_ContentReaderCallback", instance_pos = 0)]
	public delegate ssize_t ContentReaderCallback (uint64 pos,
	                                               [CCode (array_length_pos = 2.1, array_length_type = "size_t", type = "char *")] uint8[] buf);

	[CCode (cname = "MHD_ContentReaderFreeCallback", has_target = false)]
	public delegate void ContentReaderFreeCallback (void* cls);

	[CCode (cname = "MHD_PostDataIterator", instance_pos = 0)]
	public delegate Result PostDataIterator (ValueKind kind,
	                                         string key,
	                                         string? filename,
	                                         string? content_type,
	                                         string? transfer_encoding,
	                                         [CCode (array_length = false, type = "const char *")] uint8[]? data,
	                                         uint64 off,
	                                         size_t size);

	[CCode (cname = "MHD_UpgradeHandler", instance_pos = 0)]
	public delegate void UpgradeHandler (Connection connection,
	                                     void* con_cls,
	                                     [CCode (array_length = false, type = "const char *")] uint8[]? extra_in,
	                                     size_t extra_in_size,
	                                     int sock,
	                                     UpgradeResponseHandle urh);

	[CCode (cname = "MHD_LogCallback", instance_pos = 0)]
	public delegate void LogCallback (string fm, va_list ap);

	/* ---------------------------------------------------------------- */
	/* Descriptor sets for external select mode                         */
	/* ---------------------------------------------------------------- */
	/**
	 * Handle to a zeroed, heap allocated, reference counted fd set sized
	 * for RLIMIT_NOFILE.  MHD.FDSet() creates one; copies share it.
	 */
	[SimpleType]
	[CCode (cname = "MhdValaFDSet", has_type_id = false, default_value = "NULL",
	        copy_function = "mhd_vala_fdset_copy", destroy_function = "mhd_vala_fdset_free")]
	public struct FDSet {
		[CCode (cname = "mhd_vala_fdset_new")]
		public FDSet ();
		[CCode (cname = "mhd_vala_fdset_zero")]
		public void zero ();
		[CCode (cname = "mhd_vala_fdset_set")]
		public void set (int fd);
		[CCode (cname = "mhd_vala_fdset_clr")]
		public void clr (int fd);
		[CCode (cname = "mhd_vala_fdset_is_set")]
		public bool is_set (int fd);
		/** Capacity in descriptors. */
		public uint size {
			[CCode (cname = "mhd_vala_fdset_size")] get;
		}
		/** The underlying fd_set* (valid for size descriptors). */
		[CCode (cname = "mhd_vala_fdset_raw")]
		public void* raw ();
	}

	/* ---------------------------------------------------------------- */
	/* Daemon                                                           */
	/* ---------------------------------------------------------------- */
	[Compact]
	[CCode (cname = "struct MHD_Daemon", ref_function = "mhd_vala_daemon_ref",
	        unref_function = "mhd_vala_daemon_unref", has_type_id = false)]
	public class Daemon {
		/**
		 * MHD_start_daemon: the option list must end with MHD.OPTION_END.
		 * Values passed after an option must have the C type the option
		 * expects (cast: (uint) 10, (size_t) 4096, (void*) cb, ...).
		 */
		[CCode (cname = "MHD_start_daemon", sentinel = "")]
		public static Daemon? start (uint flags, uint16 port,
		                             AcceptPolicyCallback? apc,
		                             AccessHandlerCallback dh, ...);
		[CCode (cname = "MHD_start_daemon_va")]
		public static Daemon? start_va (uint flags, uint16 port,
		                                AcceptPolicyCallback? apc,
		                                AccessHandlerCallback dh, va_list ap);

		[CCode (cname = "MHD_run")]
		public Result run ();
		[CCode (cname = "MHD_run_wait")]
		public Result run_wait (int32 millisec);
		[CCode (cname = "mhd_vala_run_from_select")]
		public Result run_from_select (FDSet read_fds, FDSet write_fds, FDSet except_fds);
		[CCode (cname = "mhd_vala_get_fdset")]
		public Result get_fdset (FDSet read_fds, FDSet write_fds, FDSet except_fds, ref int max_fd);
		[CCode (cname = "mhd_vala_get_timeout")]
		public Result get_timeout (out uint64 timeout);
		[CCode (cname = "MHD_quiesce_daemon")]
		public int quiesce ();
		[CCode (cname = "MHD_add_connection")]
		public Result add_connection (int client_socket,
		                              [CCode (type = "const struct sockaddr *")] void* addr,
		                              [CCode (type = "socklen_t")] uint32 addrlen);
		[CCode (cname = "MHD_get_daemon_info", sentinel = "")]
		public unowned DaemonInfo? get_info (DaemonInfoType info_type, ...);
	}

	/* free-function spellings used by the GLib integration plan */
	[CCode (cname = "MHD_start_daemon", sentinel = "")]
	public Daemon? start_daemon (uint flags, uint16 port,
	                             AcceptPolicyCallback? apc,
	                             AccessHandlerCallback dh, ...);
	[CCode (cname = "MHD_start_daemon_va")]
	public Daemon? start_daemon_va (uint flags, uint16 port,
	                                AcceptPolicyCallback? apc,
	                                AccessHandlerCallback dh, va_list ap);
	/** Drops a reference; the last one stops the daemon (MHD_stop_daemon). */
	[CCode (cname = "mhd_vala_daemon_unref")]
	public void stop_daemon (owned Daemon daemon);
	[CCode (cname = "MHD_quiesce_daemon")]
	public int quiesce_daemon (Daemon daemon);
	[CCode (cname = "MHD_add_connection")]
	public Result add_connection (Daemon daemon, int client_socket,
	                              [CCode (type = "const struct sockaddr *")] void* addr,
	                              [CCode (type = "socklen_t")] uint32 addrlen);
	[CCode (cname = "MHD_run")]
	public Result run (Daemon daemon);
	[CCode (cname = "MHD_run_wait")]
	public Result run_wait (Daemon daemon, int32 millisec);
	[CCode (cname = "mhd_vala_run_from_select")]
	public Result run_from_select (Daemon daemon, FDSet read_fds, FDSet write_fds, FDSet except_fds);
	/** Adds the daemon's descriptors to the caller's sets (fd_setsize = set capacity). */
	[CCode (cname = "mhd_vala_get_fdset")]
	public Result get_fdset (Daemon daemon, FDSet read_fds, FDSet write_fds, FDSet except_fds, int* max_fd);
	[CCode (cname = "mhd_vala_get_timeout")]
	public Result get_timeout (Daemon daemon, uint64* timeout);
	[CCode (cname = "MHD_get_daemon_info", sentinel = "")]
	public unowned DaemonInfo? get_daemon_info (Daemon daemon, DaemonInfoType info_type, ...);

	[Compact]
	[CCode (cname = "union MHD_DaemonInfo", free_function = "", has_type_id = false)]
	public class DaemonInfo {
		public size_t key_size;
		public size_t mac_key_size;
		public int listen_fd;
		public uint16 port;
		public int epoll_fd;
		public uint num_connections;
		[CCode (type = "enum MHD_FLAG")]
		public uint flags;
	}

	/* ---------------------------------------------------------------- */
	/* Connection                                                       */
	/* ---------------------------------------------------------------- */
	[Compact]
	[CCode (cname = "struct MHD_Connection", free_function = "", has_type_id = false)]
	public class Connection {
		[CCode (cname = "MHD_suspend_connection")]
		public void suspend ();
		[CCode (cname = "MHD_resume_connection")]
		public void resume ();
		[CCode (cname = "MHD_queue_response")]
		public Result queue_response (uint status_code, Response response);
		[CCode (cname = "MHD_get_connection_values")]
		public int get_values (ValueKind kind, KeyValueIterator? iterator);
		[CCode (cname = "MHD_get_connection_values_n")]
		public int get_values_n (ValueKind kind, KeyValueIteratorN? iterator);
		[CCode (cname = "MHD_lookup_connection_value")]
		public unowned string? lookup_value (ValueKind kind, string? key);
		[CCode (cname = "MHD_lookup_connection_value_n")]
		public Result lookup_value_n (ValueKind kind, string? key, size_t key_size,
		                              [CCode (type = "const char **")] out unowned string? value,
		                              out size_t value_size);
		[CCode (cname = "MHD_set_connection_value")]
		public Result set_value (ValueKind kind, string key, string value);
		[CCode (cname = "MHD_set_connection_value_n")]
		public Result set_value_n (ValueKind kind, string key, size_t key_size, string value, size_t value_size);
		[CCode (cname = "MHD_get_connection_info", sentinel = "")]
		public unowned ConnectionInfo? get_info (ConnectionInfoType info_type, ...);
		[CCode (cname = "MHD_set_connection_option", sentinel = "")]
		public Result set_option (ConnectionOption option, ...);
		[CCode (cname = "mhd_vala_basic_auth_get_username_password")]
		public string? basic_auth_get_username_password (out string? password);
		[CCode (cname = "MHD_queue_basic_auth_fail_response")]
		public Result queue_basic_auth_fail_response (string realm, Response response);
		[CCode (cname = "mhd_vala_digest_auth_get_username")]
		public string? digest_auth_get_username ();
		[CCode (cname = "MHD_digest_auth_check")]
		public int digest_auth_check (string realm, string username, string password, uint nonce_timeout);
		[CCode (cname = "MHD_digest_auth_check2")]
		public int digest_auth_check2 (string realm, string username, string password, uint nonce_timeout, DigestAuthAlgorithm algo);
		[CCode (cname = "MHD_digest_auth_check_digest")]
		public int digest_auth_check_digest (string realm, string username, [CCode (array_length = false)] uint8[] digest, uint nonce_timeout);
		[CCode (cname = "MHD_digest_auth_check_digest2")]
		public int digest_auth_check_digest2 (string realm, string username, [CCode (array_length_pos = 3.1, array_length_type = "size_t")] uint8[] digest, uint nonce_timeout, DigestAuthAlgorithm algo);
		[CCode (cname = "MHD_queue_auth_fail_response")]
		public Result queue_auth_fail_response (string realm, string opaque, Response response, bool signal_stale);
		[CCode (cname = "MHD_queue_auth_fail_response2")]
		public Result queue_auth_fail_response2 (string realm, string opaque, Response response, bool signal_stale, DigestAuthAlgorithm algo);
	}

	[Compact]
	[CCode (cname = "union MHD_ConnectionInfo", free_function = "", has_type_id = false)]
	public class ConnectionInfo {
		public int cipher_algorithm;
		public int protocol;
		public int suspended;
		public uint connection_timeout;
		public uint http_status;
		public int connect_fd;
		public size_t header_size;
		public void* tls_session;
		public void* client_cert;
		[CCode (type = "struct sockaddr *")]
		public void* client_addr;
		public unowned Daemon daemon;
		public void* socket_context;
	}

	[CCode (cname = "MHD_suspend_connection")]
	public void suspend_connection (Connection connection);
	[CCode (cname = "MHD_resume_connection")]
	public void resume_connection (Connection connection);
	[CCode (cname = "MHD_queue_response")]
	public Result queue_response (Connection connection, uint status_code, Response response);
	[CCode (cname = "MHD_get_connection_values")]
	public int get_connection_values (Connection connection, ValueKind kind, KeyValueIterator? iterator);
	[CCode (cname = "MHD_get_connection_values_n")]
	public int get_connection_values_n (Connection connection, ValueKind kind, KeyValueIteratorN? iterator);
	[CCode (cname = "MHD_lookup_connection_value")]
	public unowned string? lookup_connection_value (Connection connection, ValueKind kind, string? key);
	[CCode (cname = "MHD_lookup_connection_value_n")]
	public Result lookup_connection_value_n (Connection connection, ValueKind kind, string? key, size_t key_size,
	                                         [CCode (type = "const char **")] out unowned string? value,
	                                         out size_t value_size);
	[CCode (cname = "MHD_set_connection_value")]
	public Result set_connection_value (Connection connection, ValueKind kind, string key, string value);
	[CCode (cname = "MHD_set_connection_value_n")]
	public Result set_connection_value_n (Connection connection, ValueKind kind, string key, size_t key_size, string value, size_t value_size);
	[CCode (cname = "MHD_get_connection_info", sentinel = "")]
	public unowned ConnectionInfo? get_connection_info (Connection connection, ConnectionInfoType info_type, ...);
	[CCode (cname = "MHD_set_connection_option", sentinel = "")]
	public Result set_connection_option (Connection connection, ConnectionOption option, ...);

	/* ---------------------------------------------------------------- */
	/* Responses                                                        */
	/* ---------------------------------------------------------------- */
	[Compact]
	[CCode (cname = "struct MHD_Response", free_function = "MHD_destroy_response", has_type_id = false)]
	public class Response {
		/** Body from a byte array (use MUST_COPY unless the data outlives the response). */
		[CCode (cname = "MHD_create_response_from_buffer")]
		public Response.from_buffer ([CCode (array_length_pos = 0.9, array_length_type = "size_t", type = "void *")] uint8[] buffer,
		                             ResponseMemoryMode mode = ResponseMemoryMode.MUST_COPY);
		[CCode (cname = "MHD_create_response_from_buffer")]
		public Response.from_buffer_raw (size_t size, void* buffer, ResponseMemoryMode mode);
		[CCode (cname = "MHD_create_response_from_buffer_with_free_callback")]
		public Response.from_buffer_with_free_callback (size_t size, void* buffer, ContentReaderFreeCallback crfc);
		[CCode (cname = "MHD_create_response_from_buffer_with_free_callback_cls")]
		public Response.from_buffer_with_free_callback_cls (size_t size, void* buffer, ContentReaderFreeCallback crfc, void* crfc_cls);
		[CCode (cname = "MHD_create_response_from_data")]
		public Response.from_data (size_t size, void* data, int must_free, int must_copy);
		/** The closure is owned by the response and released when it is destroyed. */
		[CCode (cname = "MHD_create_response_from_callback")]
		public Response.from_callback (uint64 size, size_t block_size, owned ContentReaderCallback crc);
		[CCode (cname = "MHD_create_response_from_fd")]
		public Response.from_fd (size_t size, int fd);
		[CCode (cname = "MHD_create_response_from_fd64")]
		public Response.from_fd64 (uint64 size, int fd);
		[CCode (cname = "MHD_create_response_from_pipe")]
		public Response.from_pipe (int fd);
		[CCode (cname = "MHD_create_response_from_fd_at_offset64")]
		public Response.from_fd_at_offset64 (uint64 size, int fd, uint64 offset);
		[CCode (cname = "MHD_create_response_from_fd_at_offset64")]
		public Response.from_fd_at_offset (uint64 size, int fd, uint64 offset);
		[CCode (cname = "MHD_create_response_from_iovec")]
		public Response.from_iovec ([CCode (array_length_type = "unsigned int")] IoVec[] iov, ContentReaderFreeCallback? free_cb, void* cls);
		[CCode (cname = "MHD_create_response_for_upgrade")]
		public Response.for_upgrade (UpgradeHandler upgrade_handler);

		[CCode (cname = "MHD_add_response_header")]
		public Result add_header (string header, string content);
		[CCode (cname = "MHD_add_response_footer")]
		public Result add_footer (string footer, string content);
		[CCode (cname = "MHD_del_response_header")]
		public Result del_header (string header, string content);
		[CCode (cname = "MHD_get_response_headers")]
		public int get_headers (KeyValueIterator? iterator);
		[CCode (cname = "MHD_get_response_header")]
		public unowned string? get_header (string key);
		[CCode (cname = "MHD_set_response_options", sentinel = "MHD_RO_END")]
		public Result set_options (ResponseFlags flags, ...);
	}

	[CCode (cname = "struct MHD_IoVec", has_type_id = false)]
	public struct IoVec {
		[CCode (type = "const void *")]
		public void* iov_base;
		public size_t iov_len;
	}

	[CCode (cname = "MHD_create_response_from_buffer")]
	public Response? create_response_from_buffer (size_t size, void* buffer, ResponseMemoryMode mode);
	[CCode (cname = "MHD_create_response_from_buffer_with_free_callback")]
	public Response? create_response_from_buffer_with_free_callback (size_t size, void* buffer, ContentReaderFreeCallback crfc);
	[CCode (cname = "MHD_create_response_from_buffer_with_free_callback_cls")]
	public Response? create_response_from_buffer_with_free_callback_cls (size_t size, void* buffer, ContentReaderFreeCallback crfc, void* crfc_cls);
	[CCode (cname = "MHD_create_response_from_data")]
	public Response? create_response_from_data (size_t size, void* data, int must_free, int must_copy);
	[CCode (cname = "MHD_create_response_from_callback")]
	public Response? create_response_from_callback (uint64 size, size_t block_size, owned ContentReaderCallback crc);
	[CCode (cname = "MHD_create_response_from_fd")]
	public Response? create_response_from_fd (size_t size, int fd);
	[CCode (cname = "MHD_create_response_from_fd64")]
	public Response? create_response_from_fd64 (uint64 size, int fd);
	[CCode (cname = "MHD_create_response_from_pipe")]
	public Response? create_response_from_pipe (int fd);
	[CCode (cname = "MHD_create_response_from_fd_at_offset64")]
	public Response? create_response_from_fd_at_offset64 (uint64 size, int fd, uint64 offset);
	[CCode (cname = "MHD_create_response_from_iovec")]
	public Response? create_response_from_iovec ([CCode (array_length_type = "unsigned int")] IoVec[] iov, ContentReaderFreeCallback? free_cb, void* cls);
	[CCode (cname = "MHD_create_response_for_upgrade")]
	public Response? create_response_for_upgrade (UpgradeHandler upgrade_handler);
	[CCode (cname = "MHD_destroy_response")]
	public void destroy_response (owned Response response);
	[CCode (cname = "MHD_add_response_header")]
	public Result add_response_header (Response response, string header, string content);
	[CCode (cname = "MHD_add_response_footer")]
	public Result add_response_footer (Response response, string footer, string content);
	[CCode (cname = "MHD_del_response_header")]
	public Result del_response_header (Response response, string header, string content);
	[CCode (cname = "MHD_get_response_headers")]
	public int get_response_headers (Response response, KeyValueIterator? iterator);
	[CCode (cname = "MHD_get_response_header")]
	public unowned string? get_response_header (Response response, string key);
	[CCode (cname = "MHD_set_response_options", sentinel = "MHD_RO_END")]
	public Result set_response_options (Response response, ResponseFlags flags, ...);

	[Compact]
	[CCode (cname = "struct MHD_UpgradeResponseHandle", free_function = "", has_type_id = false)]
	public class UpgradeResponseHandle {
		[CCode (cname = "MHD_upgrade_action", sentinel = "")]
		public Result action (UpgradeAction action, ...);
	}
	[CCode (cname = "MHD_upgrade_action", sentinel = "")]
	public Result upgrade_action (UpgradeResponseHandle urh, UpgradeAction action, ...);

	/* ---------------------------------------------------------------- */
	/* Post processor                                                   */
	/* ---------------------------------------------------------------- */
	[Compact]
	[CCode (cname = "struct MHD_PostProcessor", free_function = "MHD_destroy_post_processor", has_type_id = false)]
	public class PostProcessor {
		/** The iterator's target must outlive the processor. */
		[CCode (cname = "MHD_create_post_processor")]
		public PostProcessor (Connection connection, size_t buffer_size, PostDataIterator iter);
		[CCode (cname = "MHD_post_process")]
		public Result process ([CCode (array_length_type = "size_t", type = "const char *")] uint8[] post_data);
		[CCode (cname = "MHD_post_process")]
		public Result process_raw ([CCode (type = "const char *")] void* post_data, size_t post_data_len);
	}
	[CCode (cname = "MHD_create_post_processor")]
	public PostProcessor? create_post_processor (Connection connection, size_t buffer_size, PostDataIterator iter);
	[CCode (cname = "MHD_post_process")]
	public Result post_process (PostProcessor pp, [CCode (type = "const char *")] void* post_data, size_t post_data_len);
	/** Destroys the processor; returns NO if the data was incomplete. */
	[CCode (cname = "MHD_destroy_post_processor")]
	public Result destroy_post_processor (owned PostProcessor pp);

	/* ---------------------------------------------------------------- */
	/* Authentication (free-function spellings)                         */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "mhd_vala_basic_auth_get_username_password")]
	public string? basic_auth_get_username_password (Connection connection, out string? password);
	[CCode (cname = "MHD_queue_basic_auth_fail_response")]
	public Result queue_basic_auth_fail_response (Connection connection, string realm, Response response);
	[CCode (cname = "mhd_vala_digest_auth_get_username")]
	public string? digest_auth_get_username (Connection connection);
	[CCode (cname = "MHD_digest_auth_check")]
	public int digest_auth_check (Connection connection, string realm, string username, string password, uint nonce_timeout);
	[CCode (cname = "MHD_digest_auth_check2")]
	public int digest_auth_check2 (Connection connection, string realm, string username, string password, uint nonce_timeout, DigestAuthAlgorithm algo);
	[CCode (cname = "MHD_digest_auth_check_digest")]
	public int digest_auth_check_digest (Connection connection, string realm, string username, [CCode (array_length = false)] uint8[] digest, uint nonce_timeout);
	[CCode (cname = "MHD_digest_auth_check_digest2")]
	public int digest_auth_check_digest2 (Connection connection, string realm, string username, [CCode (array_length_pos = 4.1, array_length_type = "size_t")] uint8[] digest, uint nonce_timeout, DigestAuthAlgorithm algo);
	[CCode (cname = "MHD_queue_auth_fail_response")]
	public Result queue_auth_fail_response (Connection connection, string realm, string opaque, Response response, bool signal_stale);
	[CCode (cname = "MHD_queue_auth_fail_response2")]
	public Result queue_auth_fail_response2 (Connection connection, string realm, string opaque, Response response, bool signal_stale, DigestAuthAlgorithm algo);
	[CCode (cname = "MHD_free")]
	public void free (void* ptr);

	/* ---------------------------------------------------------------- */
	/* Misc                                                             */
	/* ---------------------------------------------------------------- */
	[CCode (cname = "MHD_get_version")]
	public unowned string get_version ();
	[CCode (cname = "MHD_is_feature_supported")]
	public Result is_feature_supported (Feature feature);
	[CCode (cname = "MHD_set_panic_func")]
	public void set_panic_func (PanicCallback? cb);
	/** Unescapes in place; returns the new length. */
	[CCode (cname = "MHD_http_unescape")]
	public size_t http_unescape (char* val);
	[CCode (cname = "MHD_get_reason_phrase_for")]
	public unowned string get_reason_phrase_for (uint code);
	[CCode (cname = "MHD_get_reason_phrase_len_for")]
	public size_t get_reason_phrase_len_for (uint code);

	/* ---- HTTP status codes (generated by vapi/gen-constants.sh) ---- */
	[CCode (cname = "MHD_HTTP_ACCEPTED")]
	public const uint HTTP_ACCEPTED;
	[CCode (cname = "MHD_HTTP_ALREADY_REPORTED")]
	public const uint HTTP_ALREADY_REPORTED;
	[CCode (cname = "MHD_HTTP_BAD_GATEWAY")]
	public const uint HTTP_BAD_GATEWAY;
	[CCode (cname = "MHD_HTTP_BAD_REQUEST")]
	public const uint HTTP_BAD_REQUEST;
	[CCode (cname = "MHD_HTTP_BANDWIDTH_LIMIT_EXCEEDED")]
	public const uint HTTP_BANDWIDTH_LIMIT_EXCEEDED;
	[CCode (cname = "MHD_HTTP_BLOCKED_BY_WINDOWS_PARENTAL_CONTROLS")]
	public const uint HTTP_BLOCKED_BY_WINDOWS_PARENTAL_CONTROLS;
	[CCode (cname = "MHD_HTTP_CONFLICT")]
	public const uint HTTP_CONFLICT;
	[CCode (cname = "MHD_HTTP_CONTENT_TOO_LARGE")]
	public const uint HTTP_CONTENT_TOO_LARGE;
	[CCode (cname = "MHD_HTTP_CONTINUE")]
	public const uint HTTP_CONTINUE;
	[CCode (cname = "MHD_HTTP_CREATED")]
	public const uint HTTP_CREATED;
	[CCode (cname = "MHD_HTTP_EARLY_HINTS")]
	public const uint HTTP_EARLY_HINTS;
	[CCode (cname = "MHD_HTTP_EXPECTATION_FAILED")]
	public const uint HTTP_EXPECTATION_FAILED;
	[CCode (cname = "MHD_HTTP_FAILED_DEPENDENCY")]
	public const uint HTTP_FAILED_DEPENDENCY;
	[CCode (cname = "MHD_HTTP_FORBIDDEN")]
	public const uint HTTP_FORBIDDEN;
	[CCode (cname = "MHD_HTTP_FOUND")]
	public const uint HTTP_FOUND;
	[CCode (cname = "MHD_HTTP_GATEWAY_TIMEOUT")]
	public const uint HTTP_GATEWAY_TIMEOUT;
	[CCode (cname = "MHD_HTTP_GONE")]
	public const uint HTTP_GONE;
	[CCode (cname = "MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED")]
	public const uint HTTP_HTTP_VERSION_NOT_SUPPORTED;
	[CCode (cname = "MHD_HTTP_IM_USED")]
	public const uint HTTP_IM_USED;
	[CCode (cname = "MHD_HTTP_INSUFFICIENT_STORAGE")]
	public const uint HTTP_INSUFFICIENT_STORAGE;
	[CCode (cname = "MHD_HTTP_INTERNAL_SERVER_ERROR")]
	public const uint HTTP_INTERNAL_SERVER_ERROR;
	[CCode (cname = "MHD_HTTP_LENGTH_REQUIRED")]
	public const uint HTTP_LENGTH_REQUIRED;
	[CCode (cname = "MHD_HTTP_LOCKED")]
	public const uint HTTP_LOCKED;
	[CCode (cname = "MHD_HTTP_LOOP_DETECTED")]
	public const uint HTTP_LOOP_DETECTED;
	[CCode (cname = "MHD_HTTP_METHOD_NOT_ACCEPTABLE")]
	public const uint HTTP_METHOD_NOT_ACCEPTABLE;
	[CCode (cname = "MHD_HTTP_METHOD_NOT_ALLOWED")]
	public const uint HTTP_METHOD_NOT_ALLOWED;
	[CCode (cname = "MHD_HTTP_MISDIRECTED_REQUEST")]
	public const uint HTTP_MISDIRECTED_REQUEST;
	[CCode (cname = "MHD_HTTP_MOVED_PERMANENTLY")]
	public const uint HTTP_MOVED_PERMANENTLY;
	[CCode (cname = "MHD_HTTP_MULTIPLE_CHOICES")]
	public const uint HTTP_MULTIPLE_CHOICES;
	[CCode (cname = "MHD_HTTP_MULTI_STATUS")]
	public const uint HTTP_MULTI_STATUS;
	[CCode (cname = "MHD_HTTP_NETWORK_AUTHENTICATION_REQUIRED")]
	public const uint HTTP_NETWORK_AUTHENTICATION_REQUIRED;
	[CCode (cname = "MHD_HTTP_NON_AUTHORITATIVE_INFORMATION")]
	public const uint HTTP_NON_AUTHORITATIVE_INFORMATION;
	[CCode (cname = "MHD_HTTP_NOT_ACCEPTABLE")]
	public const uint HTTP_NOT_ACCEPTABLE;
	[CCode (cname = "MHD_HTTP_NOT_EXTENDED")]
	public const uint HTTP_NOT_EXTENDED;
	[CCode (cname = "MHD_HTTP_NOT_FOUND")]
	public const uint HTTP_NOT_FOUND;
	[CCode (cname = "MHD_HTTP_NOT_IMPLEMENTED")]
	public const uint HTTP_NOT_IMPLEMENTED;
	[CCode (cname = "MHD_HTTP_NOT_MODIFIED")]
	public const uint HTTP_NOT_MODIFIED;
	[CCode (cname = "MHD_HTTP_NO_CONTENT")]
	public const uint HTTP_NO_CONTENT;
	[CCode (cname = "MHD_HTTP_NO_RESPONSE")]
	public const uint HTTP_NO_RESPONSE;
	[CCode (cname = "MHD_HTTP_OK")]
	public const uint HTTP_OK;
	[CCode (cname = "MHD_HTTP_PARTIAL_CONTENT")]
	public const uint HTTP_PARTIAL_CONTENT;
	[CCode (cname = "MHD_HTTP_PAYLOAD_TOO_LARGE")]
	public const uint HTTP_PAYLOAD_TOO_LARGE;
	[CCode (cname = "MHD_HTTP_PAYMENT_REQUIRED")]
	public const uint HTTP_PAYMENT_REQUIRED;
	[CCode (cname = "MHD_HTTP_PERMANENT_REDIRECT")]
	public const uint HTTP_PERMANENT_REDIRECT;
	[CCode (cname = "MHD_HTTP_PRECONDITION_FAILED")]
	public const uint HTTP_PRECONDITION_FAILED;
	[CCode (cname = "MHD_HTTP_PRECONDITION_REQUIRED")]
	public const uint HTTP_PRECONDITION_REQUIRED;
	[CCode (cname = "MHD_HTTP_PROCESSING")]
	public const uint HTTP_PROCESSING;
	[CCode (cname = "MHD_HTTP_PROXY_AUTHENTICATION_REQUIRED")]
	public const uint HTTP_PROXY_AUTHENTICATION_REQUIRED;
	[CCode (cname = "MHD_HTTP_RANGE_NOT_SATISFIABLE")]
	public const uint HTTP_RANGE_NOT_SATISFIABLE;
	[CCode (cname = "MHD_HTTP_REQUESTED_RANGE_NOT_SATISFIABLE")]
	public const uint HTTP_REQUESTED_RANGE_NOT_SATISFIABLE;
	[CCode (cname = "MHD_HTTP_REQUEST_ENTITY_TOO_LARGE")]
	public const uint HTTP_REQUEST_ENTITY_TOO_LARGE;
	[CCode (cname = "MHD_HTTP_REQUEST_TIMEOUT")]
	public const uint HTTP_REQUEST_TIMEOUT;
	[CCode (cname = "MHD_HTTP_REQUEST_URI_TOO_LONG")]
	public const uint HTTP_REQUEST_URI_TOO_LONG;
	[CCode (cname = "MHD_HTTP_RESET_CONTENT")]
	public const uint HTTP_RESET_CONTENT;
	[CCode (cname = "MHD_HTTP_RETRY_WITH")]
	public const uint HTTP_RETRY_WITH;
	[CCode (cname = "MHD_HTTP_SEE_OTHER")]
	public const uint HTTP_SEE_OTHER;
	[CCode (cname = "MHD_HTTP_SERVICE_UNAVAILABLE")]
	public const uint HTTP_SERVICE_UNAVAILABLE;
	[CCode (cname = "MHD_HTTP_SWITCHING_PROTOCOLS")]
	public const uint HTTP_SWITCHING_PROTOCOLS;
	[CCode (cname = "MHD_HTTP_SWITCH_PROXY")]
	public const uint HTTP_SWITCH_PROXY;
	[CCode (cname = "MHD_HTTP_TEMPORARY_REDIRECT")]
	public const uint HTTP_TEMPORARY_REDIRECT;
	[CCode (cname = "MHD_HTTP_TOO_EARLY")]
	public const uint HTTP_TOO_EARLY;
	[CCode (cname = "MHD_HTTP_TOO_MANY_REQUESTS")]
	public const uint HTTP_TOO_MANY_REQUESTS;
	[CCode (cname = "MHD_HTTP_UNAUTHORIZED")]
	public const uint HTTP_UNAUTHORIZED;
	[CCode (cname = "MHD_HTTP_UNAVAILABLE_FOR_LEGAL_REASONS")]
	public const uint HTTP_UNAVAILABLE_FOR_LEGAL_REASONS;
	[CCode (cname = "MHD_HTTP_UNORDERED_COLLECTION")]
	public const uint HTTP_UNORDERED_COLLECTION;
	[CCode (cname = "MHD_HTTP_UNPROCESSABLE_CONTENT")]
	public const uint HTTP_UNPROCESSABLE_CONTENT;
	[CCode (cname = "MHD_HTTP_UNPROCESSABLE_ENTITY")]
	public const uint HTTP_UNPROCESSABLE_ENTITY;
	[CCode (cname = "MHD_HTTP_UNSUPPORTED_MEDIA_TYPE")]
	public const uint HTTP_UNSUPPORTED_MEDIA_TYPE;
	[CCode (cname = "MHD_HTTP_UPGRADE_REQUIRED")]
	public const uint HTTP_UPGRADE_REQUIRED;
	[CCode (cname = "MHD_HTTP_URI_TOO_LONG")]
	public const uint HTTP_URI_TOO_LONG;
	[CCode (cname = "MHD_HTTP_USE_PROXY")]
	public const uint HTTP_USE_PROXY;
	[CCode (cname = "MHD_HTTP_VARIANT_ALSO_NEGOTIATES")]
	public const uint HTTP_VARIANT_ALSO_NEGOTIATES;
	/* ---- HTTP header names ---- */
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT")]
	public const string HTTP_HEADER_ACCEPT;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_ADDITIONS")]
	public const string HTTP_HEADER_ACCEPT_ADDITIONS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_CH")]
	public const string HTTP_HEADER_ACCEPT_CH;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_CHARSET")]
	public const string HTTP_HEADER_ACCEPT_CHARSET;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_DATETIME")]
	public const string HTTP_HEADER_ACCEPT_DATETIME;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_ENCODING")]
	public const string HTTP_HEADER_ACCEPT_ENCODING;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_FEATURES")]
	public const string HTTP_HEADER_ACCEPT_FEATURES;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_LANGUAGE")]
	public const string HTTP_HEADER_ACCEPT_LANGUAGE;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_PATCH")]
	public const string HTTP_HEADER_ACCEPT_PATCH;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_POST")]
	public const string HTTP_HEADER_ACCEPT_POST;
	[CCode (cname = "MHD_HTTP_HEADER_ACCEPT_RANGES")]
	public const string HTTP_HEADER_ACCEPT_RANGES;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL")]
	public const string HTTP_HEADER_ACCESS_CONTROL;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS")]
	public const string HTTP_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_HEADERS")]
	public const string HTTP_HEADER_ACCESS_CONTROL_ALLOW_HEADERS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS")]
	public const string HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN")]
	public const string HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS")]
	public const string HTTP_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_MAX_AGE")]
	public const string HTTP_HEADER_ACCESS_CONTROL_MAX_AGE;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_REQUEST_HEADERS")]
	public const string HTTP_HEADER_ACCESS_CONTROL_REQUEST_HEADERS;
	[CCode (cname = "MHD_HTTP_HEADER_ACCESS_CONTROL_REQUEST_METHOD")]
	public const string HTTP_HEADER_ACCESS_CONTROL_REQUEST_METHOD;
	[CCode (cname = "MHD_HTTP_HEADER_AGE")]
	public const string HTTP_HEADER_AGE;
	[CCode (cname = "MHD_HTTP_HEADER_ALLOW")]
	public const string HTTP_HEADER_ALLOW;
	[CCode (cname = "MHD_HTTP_HEADER_ALPN")]
	public const string HTTP_HEADER_ALPN;
	[CCode (cname = "MHD_HTTP_HEADER_ALTERNATES")]
	public const string HTTP_HEADER_ALTERNATES;
	[CCode (cname = "MHD_HTTP_HEADER_ALT_SVC")]
	public const string HTTP_HEADER_ALT_SVC;
	[CCode (cname = "MHD_HTTP_HEADER_ALT_USED")]
	public const string HTTP_HEADER_ALT_USED;
	[CCode (cname = "MHD_HTTP_HEADER_AMP_CACHE_TRANSFORM")]
	public const string HTTP_HEADER_AMP_CACHE_TRANSFORM;
	[CCode (cname = "MHD_HTTP_HEADER_APPLY_TO_REDIRECT_REF")]
	public const string HTTP_HEADER_APPLY_TO_REDIRECT_REF;
	[CCode (cname = "MHD_HTTP_HEADER_ASTERISK")]
	public const string HTTP_HEADER_ASTERISK;
	[CCode (cname = "MHD_HTTP_HEADER_AUTHENTICATION_CONTROL")]
	public const string HTTP_HEADER_AUTHENTICATION_CONTROL;
	[CCode (cname = "MHD_HTTP_HEADER_AUTHENTICATION_INFO")]
	public const string HTTP_HEADER_AUTHENTICATION_INFO;
	[CCode (cname = "MHD_HTTP_HEADER_AUTHORIZATION")]
	public const string HTTP_HEADER_AUTHORIZATION;
	[CCode (cname = "MHD_HTTP_HEADER_A_IM")]
	public const string HTTP_HEADER_A_IM;
	[CCode (cname = "MHD_HTTP_HEADER_CACHE_CONTROL")]
	public const string HTTP_HEADER_CACHE_CONTROL;
	[CCode (cname = "MHD_HTTP_HEADER_CACHE_STATUS")]
	public const string HTTP_HEADER_CACHE_STATUS;
	[CCode (cname = "MHD_HTTP_HEADER_CALDAV_TIMEZONES")]
	public const string HTTP_HEADER_CALDAV_TIMEZONES;
	[CCode (cname = "MHD_HTTP_HEADER_CAL_MANAGED_ID")]
	public const string HTTP_HEADER_CAL_MANAGED_ID;
	[CCode (cname = "MHD_HTTP_HEADER_CDN_LOOP")]
	public const string HTTP_HEADER_CDN_LOOP;
	[CCode (cname = "MHD_HTTP_HEADER_CERT_NOT_AFTER")]
	public const string HTTP_HEADER_CERT_NOT_AFTER;
	[CCode (cname = "MHD_HTTP_HEADER_CERT_NOT_BEFORE")]
	public const string HTTP_HEADER_CERT_NOT_BEFORE;
	[CCode (cname = "MHD_HTTP_HEADER_CLOSE")]
	public const string HTTP_HEADER_CLOSE;
	[CCode (cname = "MHD_HTTP_HEADER_COMPLIANCE")]
	public const string HTTP_HEADER_COMPLIANCE;
	[CCode (cname = "MHD_HTTP_HEADER_CONFIGURATION_CONTEXT")]
	public const string HTTP_HEADER_CONFIGURATION_CONTEXT;
	[CCode (cname = "MHD_HTTP_HEADER_CONNECTION")]
	public const string HTTP_HEADER_CONNECTION;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_BASE")]
	public const string HTTP_HEADER_CONTENT_BASE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_DISPOSITION")]
	public const string HTTP_HEADER_CONTENT_DISPOSITION;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_ENCODING")]
	public const string HTTP_HEADER_CONTENT_ENCODING;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_ID")]
	public const string HTTP_HEADER_CONTENT_ID;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_LANGUAGE")]
	public const string HTTP_HEADER_CONTENT_LANGUAGE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_LENGTH")]
	public const string HTTP_HEADER_CONTENT_LENGTH;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_LOCATION")]
	public const string HTTP_HEADER_CONTENT_LOCATION;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_MD5")]
	public const string HTTP_HEADER_CONTENT_MD5;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_RANGE")]
	public const string HTTP_HEADER_CONTENT_RANGE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_SCRIPT_TYPE")]
	public const string HTTP_HEADER_CONTENT_SCRIPT_TYPE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY")]
	public const string HTTP_HEADER_CONTENT_SECURITY_POLICY;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY_REPORT_ONLY")]
	public const string HTTP_HEADER_CONTENT_SECURITY_POLICY_REPORT_ONLY;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_STYLE_TYPE")]
	public const string HTTP_HEADER_CONTENT_STYLE_TYPE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_TRANSFER_ENCODING")]
	public const string HTTP_HEADER_CONTENT_TRANSFER_ENCODING;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_TYPE")]
	public const string HTTP_HEADER_CONTENT_TYPE;
	[CCode (cname = "MHD_HTTP_HEADER_CONTENT_VERSION")]
	public const string HTTP_HEADER_CONTENT_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_COOKIE")]
	public const string HTTP_HEADER_COOKIE;
	[CCode (cname = "MHD_HTTP_HEADER_COOKIE2")]
	public const string HTTP_HEADER_COOKIE2;
	[CCode (cname = "MHD_HTTP_HEADER_COST")]
	public const string HTTP_HEADER_COST;
	[CCode (cname = "MHD_HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY")]
	public const string HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY;
	[CCode (cname = "MHD_HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY")]
	public const string HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY;
	[CCode (cname = "MHD_HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY")]
	public const string HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY;
	[CCode (cname = "MHD_HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY")]
	public const string HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY;
	[CCode (cname = "MHD_HTTP_HEADER_CROSS_ORIGIN_RESOURCE_POLICY")]
	public const string HTTP_HEADER_CROSS_ORIGIN_RESOURCE_POLICY;
	[CCode (cname = "MHD_HTTP_HEADER_C_EXT")]
	public const string HTTP_HEADER_C_EXT;
	[CCode (cname = "MHD_HTTP_HEADER_C_MAN")]
	public const string HTTP_HEADER_C_MAN;
	[CCode (cname = "MHD_HTTP_HEADER_C_OPT")]
	public const string HTTP_HEADER_C_OPT;
	[CCode (cname = "MHD_HTTP_HEADER_C_PEP")]
	public const string HTTP_HEADER_C_PEP;
	[CCode (cname = "MHD_HTTP_HEADER_C_PEP_INFO")]
	public const string HTTP_HEADER_C_PEP_INFO;
	[CCode (cname = "MHD_HTTP_HEADER_DASL")]
	public const string HTTP_HEADER_DASL;
	[CCode (cname = "MHD_HTTP_HEADER_DATE")]
	public const string HTTP_HEADER_DATE;
	[CCode (cname = "MHD_HTTP_HEADER_DAV")]
	public const string HTTP_HEADER_DAV;
	[CCode (cname = "MHD_HTTP_HEADER_DEFAULT_STYLE")]
	public const string HTTP_HEADER_DEFAULT_STYLE;
	[CCode (cname = "MHD_HTTP_HEADER_DELTA_BASE")]
	public const string HTTP_HEADER_DELTA_BASE;
	[CCode (cname = "MHD_HTTP_HEADER_DEPTH")]
	public const string HTTP_HEADER_DEPTH;
	[CCode (cname = "MHD_HTTP_HEADER_DERIVED_FROM")]
	public const string HTTP_HEADER_DERIVED_FROM;
	[CCode (cname = "MHD_HTTP_HEADER_DESTINATION")]
	public const string HTTP_HEADER_DESTINATION;
	[CCode (cname = "MHD_HTTP_HEADER_DIFFERENTIAL_ID")]
	public const string HTTP_HEADER_DIFFERENTIAL_ID;
	[CCode (cname = "MHD_HTTP_HEADER_DIGEST")]
	public const string HTTP_HEADER_DIGEST;
	[CCode (cname = "MHD_HTTP_HEADER_EARLY_DATA")]
	public const string HTTP_HEADER_EARLY_DATA;
	[CCode (cname = "MHD_HTTP_HEADER_EDIINT_FEATURES")]
	public const string HTTP_HEADER_EDIINT_FEATURES;
	[CCode (cname = "MHD_HTTP_HEADER_ETAG")]
	public const string HTTP_HEADER_ETAG;
	[CCode (cname = "MHD_HTTP_HEADER_EXPECT")]
	public const string HTTP_HEADER_EXPECT;
	[CCode (cname = "MHD_HTTP_HEADER_EXPECT_CT")]
	public const string HTTP_HEADER_EXPECT_CT;
	[CCode (cname = "MHD_HTTP_HEADER_EXPIRES")]
	public const string HTTP_HEADER_EXPIRES;
	[CCode (cname = "MHD_HTTP_HEADER_EXT")]
	public const string HTTP_HEADER_EXT;
	[CCode (cname = "MHD_HTTP_HEADER_FORWARDED")]
	public const string HTTP_HEADER_FORWARDED;
	[CCode (cname = "MHD_HTTP_HEADER_FROM")]
	public const string HTTP_HEADER_FROM;
	[CCode (cname = "MHD_HTTP_HEADER_GETPROFILE")]
	public const string HTTP_HEADER_GETPROFILE;
	[CCode (cname = "MHD_HTTP_HEADER_HOBAREG")]
	public const string HTTP_HEADER_HOBAREG;
	[CCode (cname = "MHD_HTTP_HEADER_HOST")]
	public const string HTTP_HEADER_HOST;
	[CCode (cname = "MHD_HTTP_HEADER_HTTP2_SETTINGS")]
	public const string HTTP_HEADER_HTTP2_SETTINGS;
	[CCode (cname = "MHD_HTTP_HEADER_IF")]
	public const string HTTP_HEADER_IF;
	[CCode (cname = "MHD_HTTP_HEADER_IF_MATCH")]
	public const string HTTP_HEADER_IF_MATCH;
	[CCode (cname = "MHD_HTTP_HEADER_IF_MODIFIED_SINCE")]
	public const string HTTP_HEADER_IF_MODIFIED_SINCE;
	[CCode (cname = "MHD_HTTP_HEADER_IF_NONE_MATCH")]
	public const string HTTP_HEADER_IF_NONE_MATCH;
	[CCode (cname = "MHD_HTTP_HEADER_IF_RANGE")]
	public const string HTTP_HEADER_IF_RANGE;
	[CCode (cname = "MHD_HTTP_HEADER_IF_SCHEDULE_TAG_MATCH")]
	public const string HTTP_HEADER_IF_SCHEDULE_TAG_MATCH;
	[CCode (cname = "MHD_HTTP_HEADER_IF_UNMODIFIED_SINCE")]
	public const string HTTP_HEADER_IF_UNMODIFIED_SINCE;
	[CCode (cname = "MHD_HTTP_HEADER_IM")]
	public const string HTTP_HEADER_IM;
	[CCode (cname = "MHD_HTTP_HEADER_INCLUDE_REFERRED_TOKEN_BINDING_ID")]
	public const string HTTP_HEADER_INCLUDE_REFERRED_TOKEN_BINDING_ID;
	[CCode (cname = "MHD_HTTP_HEADER_ISOLATION")]
	public const string HTTP_HEADER_ISOLATION;
	[CCode (cname = "MHD_HTTP_HEADER_KEEP_ALIVE")]
	public const string HTTP_HEADER_KEEP_ALIVE;
	[CCode (cname = "MHD_HTTP_HEADER_LABEL")]
	public const string HTTP_HEADER_LABEL;
	[CCode (cname = "MHD_HTTP_HEADER_LAST_EVENT_ID")]
	public const string HTTP_HEADER_LAST_EVENT_ID;
	[CCode (cname = "MHD_HTTP_HEADER_LAST_MODIFIED")]
	public const string HTTP_HEADER_LAST_MODIFIED;
	[CCode (cname = "MHD_HTTP_HEADER_LINK")]
	public const string HTTP_HEADER_LINK;
	[CCode (cname = "MHD_HTTP_HEADER_LOCATION")]
	public const string HTTP_HEADER_LOCATION;
	[CCode (cname = "MHD_HTTP_HEADER_LOCK_TOKEN")]
	public const string HTTP_HEADER_LOCK_TOKEN;
	[CCode (cname = "MHD_HTTP_HEADER_MAN")]
	public const string HTTP_HEADER_MAN;
	[CCode (cname = "MHD_HTTP_HEADER_MAX_FORWARDS")]
	public const string HTTP_HEADER_MAX_FORWARDS;
	[CCode (cname = "MHD_HTTP_HEADER_MEMENTO_DATETIME")]
	public const string HTTP_HEADER_MEMENTO_DATETIME;
	[CCode (cname = "MHD_HTTP_HEADER_MESSAGE_ID")]
	public const string HTTP_HEADER_MESSAGE_ID;
	[CCode (cname = "MHD_HTTP_HEADER_METER")]
	public const string HTTP_HEADER_METER;
	[CCode (cname = "MHD_HTTP_HEADER_METHOD_CHECK")]
	public const string HTTP_HEADER_METHOD_CHECK;
	[CCode (cname = "MHD_HTTP_HEADER_METHOD_CHECK_EXPIRES")]
	public const string HTTP_HEADER_METHOD_CHECK_EXPIRES;
	[CCode (cname = "MHD_HTTP_HEADER_MIME_VERSION")]
	public const string HTTP_HEADER_MIME_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_NEGOTIATE")]
	public const string HTTP_HEADER_NEGOTIATE;
	[CCode (cname = "MHD_HTTP_HEADER_NON_COMPLIANCE")]
	public const string HTTP_HEADER_NON_COMPLIANCE;
	[CCode (cname = "MHD_HTTP_HEADER_ODATA_ENTITYID")]
	public const string HTTP_HEADER_ODATA_ENTITYID;
	[CCode (cname = "MHD_HTTP_HEADER_ODATA_ISOLATION")]
	public const string HTTP_HEADER_ODATA_ISOLATION;
	[CCode (cname = "MHD_HTTP_HEADER_ODATA_MAXVERSION")]
	public const string HTTP_HEADER_ODATA_MAXVERSION;
	[CCode (cname = "MHD_HTTP_HEADER_ODATA_VERSION")]
	public const string HTTP_HEADER_ODATA_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_OPT")]
	public const string HTTP_HEADER_OPT;
	[CCode (cname = "MHD_HTTP_HEADER_OPTIONAL")]
	public const string HTTP_HEADER_OPTIONAL;
	[CCode (cname = "MHD_HTTP_HEADER_OPTIONAL_WWW_AUTHENTICATE")]
	public const string HTTP_HEADER_OPTIONAL_WWW_AUTHENTICATE;
	[CCode (cname = "MHD_HTTP_HEADER_ORDERING_TYPE")]
	public const string HTTP_HEADER_ORDERING_TYPE;
	[CCode (cname = "MHD_HTTP_HEADER_ORIGIN")]
	public const string HTTP_HEADER_ORIGIN;
	[CCode (cname = "MHD_HTTP_HEADER_ORIGIN_AGENT_CLUSTER")]
	public const string HTTP_HEADER_ORIGIN_AGENT_CLUSTER;
	[CCode (cname = "MHD_HTTP_HEADER_OSCORE")]
	public const string HTTP_HEADER_OSCORE;
	[CCode (cname = "MHD_HTTP_HEADER_OSLC_CORE_VERSION")]
	public const string HTTP_HEADER_OSLC_CORE_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_OVERWRITE")]
	public const string HTTP_HEADER_OVERWRITE;
	[CCode (cname = "MHD_HTTP_HEADER_P3P")]
	public const string HTTP_HEADER_P3P;
	[CCode (cname = "MHD_HTTP_HEADER_PEP")]
	public const string HTTP_HEADER_PEP;
	[CCode (cname = "MHD_HTTP_HEADER_PEP_INFO")]
	public const string HTTP_HEADER_PEP_INFO;
	[CCode (cname = "MHD_HTTP_HEADER_PICS_LABEL")]
	public const string HTTP_HEADER_PICS_LABEL;
	[CCode (cname = "MHD_HTTP_HEADER_PING_FROM")]
	public const string HTTP_HEADER_PING_FROM;
	[CCode (cname = "MHD_HTTP_HEADER_PING_TO")]
	public const string HTTP_HEADER_PING_TO;
	[CCode (cname = "MHD_HTTP_HEADER_POSITION")]
	public const string HTTP_HEADER_POSITION;
	[CCode (cname = "MHD_HTTP_HEADER_PRAGMA")]
	public const string HTTP_HEADER_PRAGMA;
	[CCode (cname = "MHD_HTTP_HEADER_PREFER")]
	public const string HTTP_HEADER_PREFER;
	[CCode (cname = "MHD_HTTP_HEADER_PREFERENCE_APPLIED")]
	public const string HTTP_HEADER_PREFERENCE_APPLIED;
	[CCode (cname = "MHD_HTTP_HEADER_PROFILEOBJECT")]
	public const string HTTP_HEADER_PROFILEOBJECT;
	[CCode (cname = "MHD_HTTP_HEADER_PROTOCOL")]
	public const string HTTP_HEADER_PROTOCOL;
	[CCode (cname = "MHD_HTTP_HEADER_PROTOCOL_INFO")]
	public const string HTTP_HEADER_PROTOCOL_INFO;
	[CCode (cname = "MHD_HTTP_HEADER_PROTOCOL_QUERY")]
	public const string HTTP_HEADER_PROTOCOL_QUERY;
	[CCode (cname = "MHD_HTTP_HEADER_PROTOCOL_REQUEST")]
	public const string HTTP_HEADER_PROTOCOL_REQUEST;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_AUTHENTICATE")]
	public const string HTTP_HEADER_PROXY_AUTHENTICATE;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_AUTHENTICATION_INFO")]
	public const string HTTP_HEADER_PROXY_AUTHENTICATION_INFO;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_AUTHORIZATION")]
	public const string HTTP_HEADER_PROXY_AUTHORIZATION;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_FEATURES")]
	public const string HTTP_HEADER_PROXY_FEATURES;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_INSTRUCTION")]
	public const string HTTP_HEADER_PROXY_INSTRUCTION;
	[CCode (cname = "MHD_HTTP_HEADER_PROXY_STATUS")]
	public const string HTTP_HEADER_PROXY_STATUS;
	[CCode (cname = "MHD_HTTP_HEADER_PUBLIC")]
	public const string HTTP_HEADER_PUBLIC;
	[CCode (cname = "MHD_HTTP_HEADER_PUBLIC_KEY_PINS")]
	public const string HTTP_HEADER_PUBLIC_KEY_PINS;
	[CCode (cname = "MHD_HTTP_HEADER_PUBLIC_KEY_PINS_REPORT_ONLY")]
	public const string HTTP_HEADER_PUBLIC_KEY_PINS_REPORT_ONLY;
	[CCode (cname = "MHD_HTTP_HEADER_RANGE")]
	public const string HTTP_HEADER_RANGE;
	[CCode (cname = "MHD_HTTP_HEADER_REDIRECT_REF")]
	public const string HTTP_HEADER_REDIRECT_REF;
	[CCode (cname = "MHD_HTTP_HEADER_REFERER")]
	public const string HTTP_HEADER_REFERER;
	[CCode (cname = "MHD_HTTP_HEADER_REFERER_ROOT")]
	public const string HTTP_HEADER_REFERER_ROOT;
	[CCode (cname = "MHD_HTTP_HEADER_REFRESH")]
	public const string HTTP_HEADER_REFRESH;
	[CCode (cname = "MHD_HTTP_HEADER_REPEATABILITY_CLIENT_ID")]
	public const string HTTP_HEADER_REPEATABILITY_CLIENT_ID;
	[CCode (cname = "MHD_HTTP_HEADER_REPEATABILITY_FIRST_SENT")]
	public const string HTTP_HEADER_REPEATABILITY_FIRST_SENT;
	[CCode (cname = "MHD_HTTP_HEADER_REPEATABILITY_REQUEST_ID")]
	public const string HTTP_HEADER_REPEATABILITY_REQUEST_ID;
	[CCode (cname = "MHD_HTTP_HEADER_REPEATABILITY_RESULT")]
	public const string HTTP_HEADER_REPEATABILITY_RESULT;
	[CCode (cname = "MHD_HTTP_HEADER_REPLAY_NONCE")]
	public const string HTTP_HEADER_REPLAY_NONCE;
	[CCode (cname = "MHD_HTTP_HEADER_RESOLUTION_HINT")]
	public const string HTTP_HEADER_RESOLUTION_HINT;
	[CCode (cname = "MHD_HTTP_HEADER_RESOLVER_LOCATION")]
	public const string HTTP_HEADER_RESOLVER_LOCATION;
	[CCode (cname = "MHD_HTTP_HEADER_RETRY_AFTER")]
	public const string HTTP_HEADER_RETRY_AFTER;
	[CCode (cname = "MHD_HTTP_HEADER_SAFE")]
	public const string HTTP_HEADER_SAFE;
	[CCode (cname = "MHD_HTTP_HEADER_SCHEDULE_REPLY")]
	public const string HTTP_HEADER_SCHEDULE_REPLY;
	[CCode (cname = "MHD_HTTP_HEADER_SCHEDULE_TAG")]
	public const string HTTP_HEADER_SCHEDULE_TAG;
	[CCode (cname = "MHD_HTTP_HEADER_SECURITY_SCHEME")]
	public const string HTTP_HEADER_SECURITY_SCHEME;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_TOKEN_BINDING")]
	public const string HTTP_HEADER_SEC_TOKEN_BINDING;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_WEBSOCKET_ACCEPT")]
	public const string HTTP_HEADER_SEC_WEBSOCKET_ACCEPT;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_WEBSOCKET_EXTENSIONS")]
	public const string HTTP_HEADER_SEC_WEBSOCKET_EXTENSIONS;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_WEBSOCKET_KEY")]
	public const string HTTP_HEADER_SEC_WEBSOCKET_KEY;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_WEBSOCKET_PROTOCOL")]
	public const string HTTP_HEADER_SEC_WEBSOCKET_PROTOCOL;
	[CCode (cname = "MHD_HTTP_HEADER_SEC_WEBSOCKET_VERSION")]
	public const string HTTP_HEADER_SEC_WEBSOCKET_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_SERVER")]
	public const string HTTP_HEADER_SERVER;
	[CCode (cname = "MHD_HTTP_HEADER_SERVER_TIMING")]
	public const string HTTP_HEADER_SERVER_TIMING;
	[CCode (cname = "MHD_HTTP_HEADER_SETPROFILE")]
	public const string HTTP_HEADER_SETPROFILE;
	[CCode (cname = "MHD_HTTP_HEADER_SET_COOKIE")]
	public const string HTTP_HEADER_SET_COOKIE;
	[CCode (cname = "MHD_HTTP_HEADER_SET_COOKIE2")]
	public const string HTTP_HEADER_SET_COOKIE2;
	[CCode (cname = "MHD_HTTP_HEADER_SLUG")]
	public const string HTTP_HEADER_SLUG;
	[CCode (cname = "MHD_HTTP_HEADER_SOAPACTION")]
	public const string HTTP_HEADER_SOAPACTION;
	[CCode (cname = "MHD_HTTP_HEADER_STATUS_URI")]
	public const string HTTP_HEADER_STATUS_URI;
	[CCode (cname = "MHD_HTTP_HEADER_STRICT_TRANSPORT_SECURITY")]
	public const string HTTP_HEADER_STRICT_TRANSPORT_SECURITY;
	[CCode (cname = "MHD_HTTP_HEADER_SUBOK")]
	public const string HTTP_HEADER_SUBOK;
	[CCode (cname = "MHD_HTTP_HEADER_SUBST")]
	public const string HTTP_HEADER_SUBST;
	[CCode (cname = "MHD_HTTP_HEADER_SUNSET")]
	public const string HTTP_HEADER_SUNSET;
	[CCode (cname = "MHD_HTTP_HEADER_SURROGATE_CAPABILITY")]
	public const string HTTP_HEADER_SURROGATE_CAPABILITY;
	[CCode (cname = "MHD_HTTP_HEADER_SURROGATE_CONTROL")]
	public const string HTTP_HEADER_SURROGATE_CONTROL;
	[CCode (cname = "MHD_HTTP_HEADER_TCN")]
	public const string HTTP_HEADER_TCN;
	[CCode (cname = "MHD_HTTP_HEADER_TE")]
	public const string HTTP_HEADER_TE;
	[CCode (cname = "MHD_HTTP_HEADER_TIMEOUT")]
	public const string HTTP_HEADER_TIMEOUT;
	[CCode (cname = "MHD_HTTP_HEADER_TIMING_ALLOW_ORIGIN")]
	public const string HTTP_HEADER_TIMING_ALLOW_ORIGIN;
	[CCode (cname = "MHD_HTTP_HEADER_TITLE")]
	public const string HTTP_HEADER_TITLE;
	[CCode (cname = "MHD_HTTP_HEADER_TOPIC")]
	public const string HTTP_HEADER_TOPIC;
	[CCode (cname = "MHD_HTTP_HEADER_TRACEPARENT")]
	public const string HTTP_HEADER_TRACEPARENT;
	[CCode (cname = "MHD_HTTP_HEADER_TRACESTATE")]
	public const string HTTP_HEADER_TRACESTATE;
	[CCode (cname = "MHD_HTTP_HEADER_TRAILER")]
	public const string HTTP_HEADER_TRAILER;
	[CCode (cname = "MHD_HTTP_HEADER_TRANSFER_ENCODING")]
	public const string HTTP_HEADER_TRANSFER_ENCODING;
	[CCode (cname = "MHD_HTTP_HEADER_TTL")]
	public const string HTTP_HEADER_TTL;
	[CCode (cname = "MHD_HTTP_HEADER_UA_COLOR")]
	public const string HTTP_HEADER_UA_COLOR;
	[CCode (cname = "MHD_HTTP_HEADER_UA_MEDIA")]
	public const string HTTP_HEADER_UA_MEDIA;
	[CCode (cname = "MHD_HTTP_HEADER_UA_PIXELS")]
	public const string HTTP_HEADER_UA_PIXELS;
	[CCode (cname = "MHD_HTTP_HEADER_UA_RESOLUTION")]
	public const string HTTP_HEADER_UA_RESOLUTION;
	[CCode (cname = "MHD_HTTP_HEADER_UA_WINDOWPIXELS")]
	public const string HTTP_HEADER_UA_WINDOWPIXELS;
	[CCode (cname = "MHD_HTTP_HEADER_UPGRADE")]
	public const string HTTP_HEADER_UPGRADE;
	[CCode (cname = "MHD_HTTP_HEADER_URGENCY")]
	public const string HTTP_HEADER_URGENCY;
	[CCode (cname = "MHD_HTTP_HEADER_URI")]
	public const string HTTP_HEADER_URI;
	[CCode (cname = "MHD_HTTP_HEADER_USER_AGENT")]
	public const string HTTP_HEADER_USER_AGENT;
	[CCode (cname = "MHD_HTTP_HEADER_VARIANT_VARY")]
	public const string HTTP_HEADER_VARIANT_VARY;
	[CCode (cname = "MHD_HTTP_HEADER_VARY")]
	public const string HTTP_HEADER_VARY;
	[CCode (cname = "MHD_HTTP_HEADER_VERSION")]
	public const string HTTP_HEADER_VERSION;
	[CCode (cname = "MHD_HTTP_HEADER_VIA")]
	public const string HTTP_HEADER_VIA;
	[CCode (cname = "MHD_HTTP_HEADER_WANT_DIGEST")]
	public const string HTTP_HEADER_WANT_DIGEST;
	[CCode (cname = "MHD_HTTP_HEADER_WARNING")]
	public const string HTTP_HEADER_WARNING;
	[CCode (cname = "MHD_HTTP_HEADER_WWW_AUTHENTICATE")]
	public const string HTTP_HEADER_WWW_AUTHENTICATE;
	[CCode (cname = "MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS")]
	public const string HTTP_HEADER_X_CONTENT_TYPE_OPTIONS;
	[CCode (cname = "MHD_HTTP_HEADER_X_DEVICE_ACCEPT")]
	public const string HTTP_HEADER_X_DEVICE_ACCEPT;
	[CCode (cname = "MHD_HTTP_HEADER_X_DEVICE_ACCEPT_CHARSET")]
	public const string HTTP_HEADER_X_DEVICE_ACCEPT_CHARSET;
	[CCode (cname = "MHD_HTTP_HEADER_X_DEVICE_ACCEPT_ENCODING")]
	public const string HTTP_HEADER_X_DEVICE_ACCEPT_ENCODING;
	[CCode (cname = "MHD_HTTP_HEADER_X_DEVICE_ACCEPT_LANGUAGE")]
	public const string HTTP_HEADER_X_DEVICE_ACCEPT_LANGUAGE;
	[CCode (cname = "MHD_HTTP_HEADER_X_DEVICE_USER_AGENT")]
	public const string HTTP_HEADER_X_DEVICE_USER_AGENT;
	[CCode (cname = "MHD_HTTP_HEADER_X_FRAME_OPTIONS")]
	public const string HTTP_HEADER_X_FRAME_OPTIONS;
	/* ---- HTTP methods ---- */
	[CCode (cname = "MHD_HTTP_METHOD_ACL")]
	public const string HTTP_METHOD_ACL;
	[CCode (cname = "MHD_HTTP_METHOD_ASTERISK")]
	public const string HTTP_METHOD_ASTERISK;
	[CCode (cname = "MHD_HTTP_METHOD_BASELINE_CONTROL")]
	public const string HTTP_METHOD_BASELINE_CONTROL;
	[CCode (cname = "MHD_HTTP_METHOD_BIND")]
	public const string HTTP_METHOD_BIND;
	[CCode (cname = "MHD_HTTP_METHOD_CHECKIN")]
	public const string HTTP_METHOD_CHECKIN;
	[CCode (cname = "MHD_HTTP_METHOD_CHECKOUT")]
	public const string HTTP_METHOD_CHECKOUT;
	[CCode (cname = "MHD_HTTP_METHOD_CONNECT")]
	public const string HTTP_METHOD_CONNECT;
	[CCode (cname = "MHD_HTTP_METHOD_COPY")]
	public const string HTTP_METHOD_COPY;
	[CCode (cname = "MHD_HTTP_METHOD_DELETE")]
	public const string HTTP_METHOD_DELETE;
	[CCode (cname = "MHD_HTTP_METHOD_GET")]
	public const string HTTP_METHOD_GET;
	[CCode (cname = "MHD_HTTP_METHOD_HEAD")]
	public const string HTTP_METHOD_HEAD;
	[CCode (cname = "MHD_HTTP_METHOD_LABEL")]
	public const string HTTP_METHOD_LABEL;
	[CCode (cname = "MHD_HTTP_METHOD_LINK")]
	public const string HTTP_METHOD_LINK;
	[CCode (cname = "MHD_HTTP_METHOD_LOCK")]
	public const string HTTP_METHOD_LOCK;
	[CCode (cname = "MHD_HTTP_METHOD_MERGE")]
	public const string HTTP_METHOD_MERGE;
	[CCode (cname = "MHD_HTTP_METHOD_MKACTIVITY")]
	public const string HTTP_METHOD_MKACTIVITY;
	[CCode (cname = "MHD_HTTP_METHOD_MKCALENDAR")]
	public const string HTTP_METHOD_MKCALENDAR;
	[CCode (cname = "MHD_HTTP_METHOD_MKCOL")]
	public const string HTTP_METHOD_MKCOL;
	[CCode (cname = "MHD_HTTP_METHOD_MKREDIRECTREF")]
	public const string HTTP_METHOD_MKREDIRECTREF;
	[CCode (cname = "MHD_HTTP_METHOD_MKWORKSPACE")]
	public const string HTTP_METHOD_MKWORKSPACE;
	[CCode (cname = "MHD_HTTP_METHOD_MOVE")]
	public const string HTTP_METHOD_MOVE;
	[CCode (cname = "MHD_HTTP_METHOD_OPTIONS")]
	public const string HTTP_METHOD_OPTIONS;
	[CCode (cname = "MHD_HTTP_METHOD_ORDERPATCH")]
	public const string HTTP_METHOD_ORDERPATCH;
	[CCode (cname = "MHD_HTTP_METHOD_PATCH")]
	public const string HTTP_METHOD_PATCH;
	[CCode (cname = "MHD_HTTP_METHOD_POST")]
	public const string HTTP_METHOD_POST;
	[CCode (cname = "MHD_HTTP_METHOD_PRI")]
	public const string HTTP_METHOD_PRI;
	[CCode (cname = "MHD_HTTP_METHOD_PROPFIND")]
	public const string HTTP_METHOD_PROPFIND;
	[CCode (cname = "MHD_HTTP_METHOD_PROPPATCH")]
	public const string HTTP_METHOD_PROPPATCH;
	[CCode (cname = "MHD_HTTP_METHOD_PUT")]
	public const string HTTP_METHOD_PUT;
	[CCode (cname = "MHD_HTTP_METHOD_REBIND")]
	public const string HTTP_METHOD_REBIND;
	[CCode (cname = "MHD_HTTP_METHOD_REPORT")]
	public const string HTTP_METHOD_REPORT;
	[CCode (cname = "MHD_HTTP_METHOD_SEARCH")]
	public const string HTTP_METHOD_SEARCH;
	[CCode (cname = "MHD_HTTP_METHOD_TRACE")]
	public const string HTTP_METHOD_TRACE;
	[CCode (cname = "MHD_HTTP_METHOD_UNBIND")]
	public const string HTTP_METHOD_UNBIND;
	[CCode (cname = "MHD_HTTP_METHOD_UNCHECKOUT")]
	public const string HTTP_METHOD_UNCHECKOUT;
	[CCode (cname = "MHD_HTTP_METHOD_UNLINK")]
	public const string HTTP_METHOD_UNLINK;
	[CCode (cname = "MHD_HTTP_METHOD_UNLOCK")]
	public const string HTTP_METHOD_UNLOCK;
	[CCode (cname = "MHD_HTTP_METHOD_UPDATE")]
	public const string HTTP_METHOD_UPDATE;
	[CCode (cname = "MHD_HTTP_METHOD_UPDATEREDIRECTREF")]
	public const string HTTP_METHOD_UPDATEREDIRECTREF;
	[CCode (cname = "MHD_HTTP_METHOD_VERSION_CONTROL")]
	public const string HTTP_METHOD_VERSION_CONTROL;
	/* ---- POST encodings and HTTP versions ---- */
	[CCode (cname = "MHD_HTTP_POST_ENCODING_FORM_URLENCODED")]
	public const string HTTP_POST_ENCODING_FORM_URLENCODED;
	[CCode (cname = "MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA")]
	public const string HTTP_POST_ENCODING_MULTIPART_FORMDATA;
	[CCode (cname = "MHD_HTTP_VERSION_1_0")]
	public const string HTTP_VERSION_1_0;
	[CCode (cname = "MHD_HTTP_VERSION_1_1")]
	public const string HTTP_VERSION_1_1;
}
