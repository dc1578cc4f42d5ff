package io.sipfront.daemon.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.sipfront.core.admin.AdminReply;

/** Netty's request aggregation with the size limit answered in the API's JSON error shape (413), then closed. */
final class JsonSizeLimit extends HttpObjectAggregator {
    private final int maxBytes;

    JsonSizeLimit(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        AdminHttpHandler.write(ctx, AdminReply.error(413, "the request body is over " + maxBytes + " bytes"));
    }
}
